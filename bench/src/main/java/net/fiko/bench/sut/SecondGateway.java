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

    /**
     * How a restarted instance starts: {@code COLD}, as the image does today; {@code CDS}, from a class-data archive
     * (Java 17's dynamic AppCDS) that the first run wrote at its exit; {@code AOT}, on the Temurin 25 JDK from an
     * ahead-of-time cache (JEP 483 and 515: classes loaded and linked, and the methods' profiles) that the first run
     * wrote at its exit. The last two run the jar extracted (Spring Boot's {@code jarmode=tools}), as both need plain
     * jars on the class path.
     */
    public enum Start {
        COLD,
        CDS,
        AOT
    }

    /** Where the Temurin 25 JDK is, for {@link Start#AOT}; {@code FIKO_BENCH_JAVA25} overrides it. */
    private static final String JAVA_25 =
            System.getenv().getOrDefault("FIKO_BENCH_JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final Path jar;
    private final String heap;
    private final List<String> jvmOptions;
    private final Start start;
    private final Path cache;
    private boolean trained;
    private ChildProcess process;

    private SecondGateway(Path jar, String heap, List<String> jvmOptions, Start start, Path cache) {
        this.jar = jar;
        this.heap = heap;
        this.jvmOptions = jvmOptions;
        this.start = start;
        this.cache = cache;
    }

    /** Starts the instance and waits until it is ready. */
    public static SecondGateway start(Path gatewayJar, String heap, List<String> jvmOptions) throws Exception {
        return start(gatewayJar, heap, jvmOptions, Start.COLD);
    }

    /** Starts the instance, to be restarted the {@code start} way, and waits until it is ready. */
    public static SecondGateway start(Path gatewayJar, String heap, List<String> jvmOptions, Start start)
            throws Exception {
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IllegalStateException(
                    gatewayJar + " is missing: build it with ./mvnw install -pl ws-gateway -am");
        }
        Path jar = gatewayJar;
        Path cache = null;
        if (start != Start.COLD) {
            Path directory = Files.createTempDirectory("fiko-bench-gateway-");
            Process extract = new ProcessBuilder(
                            PipelineTarget.javaBinary(),
                            "-Djarmode=tools",
                            "-jar",
                            gatewayJar.toString(),
                            "extract",
                            "--destination",
                            directory.resolve("app").toString())
                    .inheritIO()
                    .start();
            if (extract.waitFor() != 0) {
                throw new IllegalStateException("Could not extract " + gatewayJar);
            }
            jar = directory.resolve("app").resolve(gatewayJar.getFileName());
            cache = directory.resolve(start == Start.CDS ? "gateway.jsa" : "gateway.aot");
        }
        SecondGateway gateway = new SecondGateway(jar, heap, jvmOptions, start, cache);
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
        if (start != Start.COLD) {
            if (!Files.isRegularFile(cache)) {
                throw new IllegalStateException("The first run wrote no " + cache);
            }
            trained = true;
        }
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
        String body = METRICS.send(
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

    private static final HttpClient METRICS = HttpClient.newHttpClient();

    private static final Pattern MEASUREMENT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E+]+)");

    public long pid() {
        return process.pid();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(start == Start.AOT ? JAVA_25 : PipelineTarget.javaBinary());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        if (start == Start.CDS) {
            command.add((trained ? "-XX:SharedArchiveFile=" : "-XX:ArchiveClassesAtExit=") + cache);
        } else if (start == Start.AOT) {
            command.add((trained ? "-XX:AOTCache=" : "-XX:AOTCacheOutput=") + cache);
        }
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
