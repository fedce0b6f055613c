package net.fiko.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * An S3-compatible server for the tests without Docker: S3Proxy on its filesystem backend, run as a program of its own
 * (the jar its module's build copies, {@code target/s3proxy/s3proxy.jar}), on a free port, with AWS signatures checked
 * against {@link #ACCESS_KEY} and {@link #SECRET_KEY}. Stopped when closed, or when the tests' JVM exits.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "fiko-test";
    public static final String SECRET_KEY = "fiko-test-secret";

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts S3Proxy from {@code jar}, keeping its buckets under {@code data}; waits until it listens. */
    public static S3Server start(Path jar, Path data) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: the module's build copies it (mvn process-test-resources)");
        }
        int port = FreePorts.one();
        try {
            Files.createDirectories(data.resolve("buckets"));
            Path settings = data.resolve("s3proxy.properties");
            Files.writeString(
                    settings,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem-nio2",
                            "jclouds.identity=" + ACCESS_KEY,
                            "jclouds.credential=" + SECRET_KEY,
                            "jclouds.filesystem.basedir=" + data.resolve("buckets")));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(
                            List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", settings.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("s3proxy.log").toFile())
                    .start();
            S3Server server = new S3Server(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server.awaitListening(Duration.ofSeconds(60), data.resolve("s3proxy.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until S3Proxy takes connections; fails at once, with its log, if it stopped instead. */
    private void awaitListening(Duration atMost, Path log) {
        Awaitility.await("S3Proxy listening")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("S3Proxy stopped at start:\n" + Files.readString(log));
                    }
                    try (Socket ignored = new Socket("127.0.0.1", port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    @Override
    public void close() {
        process.destroy();
    }
}
