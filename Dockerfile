# One image recipe for every service: docker build --build-arg MODULE=ws-gateway .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl "${MODULE}" -am package \
 && cp "${MODULE}"/target/*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home fiko
COPY --from=build /app.jar /app/app.jar
USER fiko
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
