# One image recipe for every service: docker build --build-arg MODULE=ws-gateway .
# The jar is extracted into Spring Boot's layers (dependencies change less often than the application, so a rebuild
# reuses their image layers), and a class-data-sharing archive made by a training start ships with it: the JVM maps
# the classes it loaded instead of loading them again, which shortens every start (a restart, a new instance).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl "${MODULE}" -am package \
 && cp "${MODULE}"/target/*-exec.jar /app.jar \
 && java -Djarmode=tools -jar /app.jar extract --layers --destination /extracted

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home fiko \
 && mkdir -p /var/lib/fiko/media && chown fiko /var/lib/fiko/media
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The training start: the context is built and the JVM exits (spring.context.exit=onRefresh), writing the classes it
# loaded to app.jsa. Nothing is reached: no broker (topics are not created), no database (no migration, no schema
# check); the secrets are throwaway values the archive does not keep.
RUN FIKO_JWT_SECRET="$(head -c 48 /dev/urandom | base64)" \
    FIKO_TELEGRAM_TOKEN_KEY="$(head -c 32 /dev/urandom | base64)" \
    FIKO_INSTAGRAM_SECRET_KEY="$(head -c 32 /dev/urandom | base64)" \
    FIKO_TELEGRAM_PUBLIC_BASE_URL=https://training.invalid \
    SPRING_KAFKA_BOOTSTRAP_SERVERS=localhost:1 \
    SPRING_KAFKA_ADMIN_AUTO_CREATE=false \
    SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:1/none \
    SPRING_FLYWAY_ENABLED=false \
    SPRING_JPA_HIBERNATE_DDL_AUTO=none \
    SPRING_JPA_DATABASE_PLATFORM=org.hibernate.dialect.PostgreSQLDialect \
    SPRING_JPA_PROPERTIES_HIBERNATE_BOOT_ALLOW_JDBC_METADATA_ACCESS=false \
    java -XX:ArchiveClassesAtExit=app.jsa -Xlog:cds=off -Dspring.context.exit=onRefresh -jar app.jar \
 && chmod a+r app.jsa
USER fiko
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    FIKO_MEDIA_DIRECTORY=/var/lib/fiko/media
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-Xlog:cds=off", "-jar", "app.jar"]
