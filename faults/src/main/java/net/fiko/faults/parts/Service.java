package net.fiko.faults.parts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One Fiko service in a JVM of its own, run from the executable jar its module builds (the one the Docker image
 * holds), configured by environment variables as a deployment configures it; ready when its readiness probe is.
 */
public final class Service {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private JvmProcess process;

    private Service(String name, Path jar, int port, Map<String, String> environment, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.log = log;
    }

    /** A service of module {@code module} (its jar under {@code root}), not started yet. */
    public static Service of(
            String name, Path root, String module, int port, Map<String, String> environment, Path directory)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        return new Service(name, executableJar(root, module), port, env, directory.resolve(name + ".log"));
    }

    static Path executableJar(Path root, String module) throws IOException {
        Path target = root.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException(
                "No executable jar in " + target + ": build it with ./mvnw package -pl " + module + " -am");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Starts the service and waits until it reports ready. */
    public Service start() throws Exception {
        process = JvmProcess.java(
                name,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                List.of("-jar", jar.toString()),
                environment,
                log);
        awaitReady(Duration.ofMinutes(3));
        return this;
    }

    /** {@code kill -9}. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: the graceful shutdown of a rolling restart. */
    public void stop() {
        process.stop();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException(name + " did not get ready in " + timeout + "; see " + log);
    }

    public void close() {
        if (isRunning()) {
            process.stop();
        }
    }
}
