package net.fiko.bench.sut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second ws-gateway instance beside the local mode's, in a JVM of its own on the same broker, as a deployment runs
 * several: the one S5 restarts while the local mode's gateway and the rest of the pipeline go on.
 */
public final class SecondGateway implements AutoCloseable {

    static final int PORT = PipelineTarget.BASE_PORT + 1;

    private final Path jar;
    private final String heap;
    private final List<String> jvmOptions;
    private ChildProcess process;

    private SecondGateway(Path jar, String heap, List<String> jvmOptions) {
        this.jar = jar;
        this.heap = heap;
        this.jvmOptions = jvmOptions;
    }

    /** Starts the instance and waits until it is ready. */
    public static SecondGateway start(Path gatewayJar, String heap, List<String> jvmOptions) throws Exception {
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IllegalStateException(
                    gatewayJar + " is missing: build it with ./mvnw install -pl ws-gateway -am");
        }
        SecondGateway gateway = new SecondGateway(gatewayJar, heap, jvmOptions);
        gateway.launch();
        return gateway;
    }

    /** Where a socket goes to be served by this instance instead of the local mode's. */
    public static URI moved(URI socket) {
        return URI.create(socket.toString().replace(":" + PipelineTarget.BASE_PORT + "/", ":" + PORT + "/"));
    }

    /** Stops the instance as a deployment would (SIGTERM, a graceful shutdown), starts it again, waits until ready. */
    public Duration restart() throws Exception {
        long begun = System.nanoTime();
        process.close();
        launch();
        return Duration.ofNanos(System.nanoTime() - begun);
    }

    /** Records this instance's Kafka consumers have read since it started (every stream it reads). */
    public long recordsRead() throws Exception {
        return consumerTotal("kafka.consumer.fetch.manager.records.consumed.total");
    }

    /** Bytes this instance's Kafka consumers have read since it started. */
    public long bytesRead() throws Exception {
        return consumerTotal("kafka.consumer.fetch.manager.bytes.consumed.total");
    }

    /** A Kafka consumer meter summed over the instance's consumers, from its metrics endpoint. */
    private static long consumerTotal(String meter) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/actuator/metrics/" + meter))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher value = MEASUREMENT.matcher(body);
        if (!value.find()) {
            throw new IllegalStateException("No " + meter + " in " + body);
        }
        return (long) Double.parseDouble(value.group(1));
    }

    private static final Pattern MEASUREMENT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E+]+)");

    public long pid() {
        return process.pid();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(PipelineTarget.javaBinary());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private void launch() throws Exception {
        Path log = Files.createTempFile("fiko-bench-gateway-", ".log");
        Map<String, String> environment = new java.util.HashMap<>(PipelineTarget.GENERATOR_LIMITS);
        environment.putAll(Map.of(
                "SERVER_PORT",
                Integer.toString(PORT),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                "localhost:" + (PipelineTarget.BASE_PORT + 92),
                "FIKO_JWT_SECRET",
                PipelineTarget.SECRET,
                "LOGGING_LEVEL_ROOT",
                "warn"));
        process = ChildProcess.start(command(), environment, log, line -> false);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/actuator/health/readiness"))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // Not listening yet.
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        process.close();
        throw new IllegalStateException("The second gateway did not get ready; see " + log);
    }

    @Override
    public void close() {
        process.close();
    }
}
