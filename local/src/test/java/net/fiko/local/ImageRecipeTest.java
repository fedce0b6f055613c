package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfile's recipe run where no Docker engine is: each service's jar extracted into Spring Boot's layers as the
 * build stage does, assembled as the image's {@code COPY} lines do, trained with the Dockerfile's own settings (read
 * from it), and started again on the archive the training wrote with {@code -Xshare:on}, which refuses to start when
 * the archive cannot be used.
 */
class ImageRecipeTest {

    static final Path ROOT = DockerComposeFileTest.ROOT;

    @ParameterizedTest
    @ValueSource(strings = {"ws-gateway", "message-service", "connector-telegram", "connector-instagram"})
    void eachServiceShouldTrainItsArchiveAndStartOnIt(String module, @TempDir Path work) throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("extract --layers --destination /extracted")
                .contains("-XX:ArchiveClassesAtExit=app.jsa")
                .contains("\"-XX:SharedArchiveFile=app.jsa\"");
        Path jar;
        try (Stream<Path> built = Files.list(ROOT.resolve(module).resolve("target"))) {
            jar = built.filter(path -> path.toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(module + " is not packaged: run ./mvnw package first"));
        }
        Files.copy(jar, work.resolve("app.jar"));
        assertThat(run(
                        work,
                        Map.of(),
                        "-Djarmode=tools",
                        "-jar",
                        "app.jar",
                        "extract",
                        "--layers",
                        "--destination",
                        "extracted"))
                .isZero();
        Path app = Files.createDirectories(work.resolve("app"));
        for (String layer : layers(dockerfile)) {
            copyTree(work.resolve("extracted").resolve(layer), app);
        }

        Map<String, String> training = trainingEnvironment(dockerfile);
        assertThat(run(
                        app,
                        training,
                        "-XX:ArchiveClassesAtExit=app.jsa",
                        "-Xlog:cds=off",
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        "app.jar"))
                .as("%s's training start", module)
                .isZero();
        assertThat(app.resolve("app.jsa")).isNotEmptyFile();
        assertThat(run(
                        app,
                        training,
                        "-XX:SharedArchiveFile=app.jsa",
                        "-Xshare:on",
                        "-Xlog:cds=off",
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        "app.jar"))
                .as("%s started on its archive", module)
                .isZero();
    }

    /** The layers the image copies, in its order. */
    static List<String> layers(String dockerfile) {
        List<String> layers = new ArrayList<>();
        Matcher copy =
                Pattern.compile("COPY --from=build /extracted/([a-z-]+)/ \\./").matcher(dockerfile);
        while (copy.find()) {
            layers.add(copy.group(1));
        }
        assertThat(layers)
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        return layers;
    }

    /** The settings of the Dockerfile's training start; {@code $(head -c N /dev/urandom | base64)} made here. */
    static Map<String, String> trainingEnvironment(String dockerfile) {
        String run = dockerfile.substring(
                dockerfile.indexOf("RUN FIKO_JWT_SECRET="), dockerfile.indexOf("-XX:ArchiveClassesAtExit"));
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher assignment = Pattern.compile("([A-Z_]+)=(\"\\$\\(head -c (\\d+) /dev/urandom \\| base64\\)\"|\\S+)")
                .matcher(run);
        while (assignment.find()) {
            environment.put(
                    assignment.group(1),
                    assignment.group(3) != null ? random(Integer.parseInt(assignment.group(3))) : assignment.group(2));
        }
        assertThat(environment)
                .containsKeys("FIKO_JWT_SECRET", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL");
        return environment;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private static int run(Path directory, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        directory.resolve("run-" + System.nanoTime() + ".log").toFile());
        process.environment().putAll(environment);
        Process started = process.start();
        if (!started.waitFor(3, TimeUnit.MINUTES)) {
            started.destroyForcibly();
            throw new AssertionError("java " + String.join(" ", arguments) + " did not finish in 3 minutes");
        }
        return started.exitValue();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
