package net.fiko.bench.sut;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import net.fiko.bench.baseline.BaselineServer;
import net.fiko.bench.load.Target;
import net.fiko.bench.load.Webhooks;
import org.springframework.context.ConfigurableApplicationContext;

/** The baseline broadcast server, in a JVM of its own (or, for the smoke run, in this one). */
public final class BaselineTarget implements Target {

    private static final int PORT = 28100;

    private final ChildProcess process;
    private final ConfigurableApplicationContext inProcess;
    private final int port;

    private BaselineTarget(ChildProcess process, ConfigurableApplicationContext inProcess, int port) {
        this.process = process;
        this.inProcess = inProcess;
        this.port = port;
    }

    /** Starts the server from the benchmark's own jar, with the heap the pipeline gets. */
    public static BaselineTarget start(Path benchJar, String heap) throws Exception {
        Path log = Files.createTempFile("fiko-bench-baseline-", ".log");
        ChildProcess child = ChildProcess.start(
                List.of(
                        PipelineTarget.javaBinary(),
                        "-Xmx" + heap,
                        "-Dbaseline.port=" + PORT,
                        "-jar",
                        benchJar.toString(),
                        "baseline"),
                Map.of(),
                log,
                line -> line.contains("Baseline is ready"));
        try {
            child.awaitReady(Duration.ofMinutes(1));
        } catch (Exception e) {
            child.close();
            throw new IllegalStateException("The baseline server did not start; see " + log, e);
        }
        return new BaselineTarget(child, null, PORT);
    }

    /** The server inside this JVM, on a free port: the smoke run's. */
    public static BaselineTarget inProcess() {
        ConfigurableApplicationContext context = BaselineServer.start(0);
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new BaselineTarget(null, context, port);
    }

    @Override
    public String name() {
        return "Baseline";
    }

    @Override
    public URI chatSocket(String conversationId, String agentId) {
        return URI.create("ws://localhost:" + port + "/ws/chat/" + conversationId + "/");
    }

    @Override
    public URI listSocket(String agentId) {
        return URI.create("ws://localhost:" + port + "/ws/conversations/");
    }

    @Override
    public Webhooks telegramWebhooks() {
        return new Webhooks(URI.create("http://localhost:" + port + "/webhooks/telegram/bench"), null);
    }

    @Override
    public List<String> conversations(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
    }

    @Override
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (inProcess != null) {
            inProcess.close();
        }
    }
}
