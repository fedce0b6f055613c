package net.fiko.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fiko.bench.baseline.BaselineServer;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.load.Handshakes;
import net.fiko.bench.load.IdleConnections;
import net.fiko.bench.load.InboundLoad;
import net.fiko.bench.load.Target;
import net.fiko.bench.report.Ceiling;
import net.fiko.bench.report.Connections;
import net.fiko.bench.report.HandshakeRate;
import net.fiko.bench.report.Machine;
import net.fiko.bench.report.Report;
import net.fiko.bench.report.ScaleOutRow;
import net.fiko.bench.sut.BaselineTarget;
import net.fiko.bench.sut.CpuUse;
import net.fiko.bench.sut.LiveHeap;
import net.fiko.bench.sut.PipelineTarget;
import net.fiko.bench.sut.ProcessStats;
import net.fiko.bench.sut.SecondGateway;
import net.fiko.bench.sut.StatementStats;

/**
 * The benchmark: starts the baseline server and then the local mode, each in a JVM of its own, drives both with the
 * same open-loop load through real WebSockets, and prints a table that it also writes to {@code docs/benchmarks.md}.
 *
 * <p>Options: {@code --quick} (one short rate, for trying it out), {@code --rates 200,1000,2000},
 * {@code --seconds 20}, {@code --conversations 100}, {@code --sockets 10}, {@code --heap 2g}, {@code --out FILE},
 * {@code --jfr FILE} (a flight recording of the pipeline's JVM, and of S5's restarted gateway, for profiling), {@code --scenarios S1,S2,S3,S4,S5,S6} (and {@code topics}, S6's topic cost alone), {@code --s6-rates 200,1000}, {@code --connections 18000} (S1's idle sockets), {@code --handshakes 10000} (S1's handshake rate), {@code --s5-rate 200},
 * {@code --s5-seconds 90}, {@code --s5-restart cold|cds|aot} (how S5's restarted gateway starts: as the image does,
 * from a class-data archive or, on the Temurin 25 JDK, from an ahead-of-time cache, each written by its first run),
 * {@code --s3-seconds 30} (how long each S3 rate must hold, and how long S4 runs), {@code --s2-shape all} (S2 with
 * every socket sending in turn, ten agents shared by all chats, as until 2026-12-03; the default, {@code agents}, is
 * the shape users make: an agent's own token per socket, one sender per conversation, frames of about 130 bytes),
 * {@code --s2-warm-only} (S2's first rate not measured right after the sockets connect, only after the warm-up),
 * {@code --pipeline-jvm "-XX:..."} (more options for the local mode's JVM, to compare its settings),
 * {@code --pg-stats} (PostgreSQL's statements by time for each S2 rate, from {@code pg_stat_statements}).
 */
public final class FikoBench {

    private FikoBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("baseline")) {
            BaselineServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("quick");
        List<Double> rates = Arrays.stream(options.getOrDefault("rates", quick ? "200" : "200,1000,2000")
                        .split(","))
                .map(Double::parseDouble)
                .toList();
        Duration length = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", quick ? "5" : "20")));
        int conversations = Integer.parseInt(options.getOrDefault("conversations", "100"));
        int sockets = Integer.parseInt(options.getOrDefault("sockets", "10"));
        String heap = options.getOrDefault("heap", "2g");
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));

        Report report = new Report(
                "./fiko-bench" + (args.length == 0 ? "" : " " + String.join(" ", args)),
                Machine.current(),
                ZonedDateTime.now());
        String shape = conversations + " × " + sockets;

        String scenarios = options.getOrDefault("scenarios", quick ? "S2" : "S1,S2,S3,S4,S5,S6");
        boolean connections = scenarios.contains("S1");
        int idle = Integer.parseInt(options.getOrDefault("connections", "18000"));
        int burst = Integer.parseInt(options.getOrDefault("handshakes", "10000"));
        boolean latency = scenarios.contains("S2");
        boolean fanOut = scenarios.contains("S3");
        boolean inbound = scenarios.contains("S4");
        boolean resume = scenarios.contains("S5");
        boolean scaleOut = scenarios.contains("S6");
        SecondGateway.Start restartStart = SecondGateway.Start.valueOf(
                options.getOrDefault("s5-restart", "cold").toUpperCase(java.util.Locale.ROOT));
        List<Double> scaleOutRates = Arrays.stream(
                        options.getOrDefault("s6-rates", "200,1000").split(","))
                .map(Double::parseDouble)
                .toList();
        double resumeRate = Double.parseDouble(options.getOrDefault("s5-rate", "200"));
        Duration resumeLength = Duration.ofSeconds(Long.parseLong(options.getOrDefault("s5-seconds", "90")));
        Duration step = Duration.ofSeconds(Long.parseLong(options.getOrDefault("s3-seconds", "30")));
        ChatLoad.Shape agents = options.getOrDefault("s2-shape", "agents").equals("agents")
                ? ChatLoad.Shape.AGENTS
                : ChatLoad.Shape.ALL_SEND;
        boolean cold = !options.containsKey("s2-warm-only") && !quick;
        // --quick: one short warm-up round, not a wait for the compilers.
        int warmUpRounds = quick ? 1 : 9;

        System.out.println("Baseline: bare Spring WebSocket broadcast server ...");
        List<Rate> baseline;
        List<String> warmUps = new ArrayList<>();
        List<String> inboundWarmUps = new ArrayList<>();
        List<Ceiling> baselineCeilings = new ArrayList<>();
        Inbound baselineInbound = null;
        Connections baselineConnections = null;
        HandshakeRate baselineHandshakes = null;
        try (BaselineTarget target = BaselineTarget.start(Path.of("bench/target/fiko-bench.jar"), heap)) {
            baseline = latency
                    ? latencies(target, conversations, sockets, rates, length, agents, cold, warmUpRounds, warmUps)
                    : List.of();
            if (fanOut) {
                baselineCeilings.add(ceiling(target, 100, 10, MANY_CHATS, step));
                baselineCeilings.add(ceiling(target, 1, 1000, ONE_CHAT, step));
            }
            if (inbound) {
                baselineInbound = inbound(target, step, warmUpRounds, inboundWarmUps);
            }
            if (connections) {
                baselineHandshakes = warmHandshakes(target, burst);
                baselineConnections = connections(target, idle);
            }
        }
        System.out.println("Fiko pipeline: the local mode ...");
        List<String> pipelineOptions = new ArrayList<>();
        if (options.containsKey("jfr")) {
            pipelineOptions.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(options.get("jfr")).toAbsolutePath());
        }
        if (options.containsKey("pipeline-jvm")) {
            pipelineOptions.addAll(
                    Arrays.asList(options.get("pipeline-jvm").trim().split("\\s+")));
        }
        try (PipelineTarget target = PipelineTarget.start(
                Path.of("local/target/fiko-local.jar"), heap, pipelineOptions, options.containsKey("pg-stats"))) {
            report.startup("Local mode (broker, PostgreSQL, four services), JVM start to ready", target.startup());
            target.partStartups().forEach((part, time) -> report.startup("  " + part, time));
            if (latency) {
                List<Rate> fiko =
                        latencies(target, conversations, sockets, rates, length, agents, cold, warmUpRounds, warmUps);
                String label =
                        shape + (agents == ChatLoad.Shape.AGENTS ? ", an agent per socket, one sender a chat" : "");
                for (int i = 0; i < fiko.size(); i++) {
                    String when = !cold ? "" : i == 0 ? ", right after ready" : ", warmed";
                    Rate measured = fiko.get(i);
                    String row = label + when;
                    String atRate =
                            row + ", " + "%.0f/s".formatted(measured.result().rate());
                    report.latency(row, measured.result(), baseline.get(i).result());
                    report.statements(atRate, measured.result(), measured.statements());
                    report.cpu(atRate, measured.result(), measured.cpu());
                }
            }
            if (fanOut) {
                settle(target);
                report.ceiling(ceiling(target, 100, 10, MANY_CHATS, step), baselineCeilings.get(0), "≥ 20,000");
                report.ceiling(ceiling(target, 1, 1000, ONE_CHAT, step), baselineCeilings.get(1), "≥ 40,000");
            }
            if (inbound) {
                settle(target);
                Inbound fiko = inbound(target, step, warmUpRounds, inboundWarmUps);
                report.inbound("first 20 s at 500/s", fiko.first(), baselineInbound.first());
                report.inbound("warmed", fiko.warmed(), baselineInbound.warmed());
            }
            if (resume) {
                settle(target);
                report.resume(
                        "10% of the sockets dropped, each for 1–60 s",
                        resume(target, conversations, sockets, resumeRate, resumeLength));
                Duration[] restartTook = new Duration[1];
                ChatLoad.Result restarted = restart(target, restartTook, gatewayOptions(options), restartStart);
                report.resume(
                        "a gateway with %,d sockets restarted (down and ready again in %.1f s)%s"
                                .formatted(
                                        RESTART_CONVERSATIONS * (RESTART_SOCKETS - 1),
                                        restartTook[0].toMillis() / 1000.0,
                                        switch (restartStart) {
                                            case COLD -> "";
                                            case CDS -> ", from the class-data archive its first run wrote";
                                            case AOT -> ", on JDK 25 from the AOT cache its first run wrote";
                                        }),
                        restarted);
            }
            if (scaleOut) {
                settle(target);
                List<ScaleOutRow> rows = ScaleOut.run(target, conversations, sockets, scaleOutRates, length);
                rows.forEach(report::scaleOut);
                report.scalingModel(ScaleOut.model(rows));
            }
            if (scaleOut || scenarios.contains("topics")) {
                ScaleOut.topicCost(target).ifPresent(report::topicCost);
            }
            // Last: after thousands of list sockets open and close, message-service's inbound path stays slow for
            // minutes (docs/benchmarks.md), which would distort the scenarios after it.
            if (connections) {
                settle(target);
                report.handshakes("Fiko gateway", warmHandshakes(target, burst));
                report.handshakes("Baseline", baselineHandshakes);
                report.connections(connections(target, idle), baselineConnections);
            }
        }
        List<String> lengths = new ArrayList<>();
        if (latency) {
            lengths.add("S2: each rate ran " + length.toSeconds() + " s after a warm-up at the first rate, in 20 s"
                    + " rounds until the JIT compilers took under 5% of the CPU (at most 3 min): "
                    + String.join(", ", warmUps) + ".");
        }
        if (fanOut) {
            lengths.add("S3: each rate had to hold for " + step.toSeconds() + " s.");
        }
        if (inbound) {
            lengths.add("S4: " + step.toSeconds() + " s after a warm-up: 10 s at 100 updates/s, which opens every"
                    + " customer's conversation, then 20 s rounds at 500/s until the JIT compilers took under 5% of the"
                    + " CPU (at most 3 min): " + String.join(", ", inboundWarmUps) + ".");
        }
        if (resume) {
            lengths.add("S5: " + resumeLength.toSeconds() + " s at " + (long) resumeRate
                    + " messages/s; 10% of the sockets dropped once each, at random moments, for 1 to 60 s. The restart:"
                    + " " + RESTART_CONVERSATIONS + " conversations, each with one agent's socket on the local mode's"
                    + " gateway, which sends, and " + (RESTART_SOCKETS - 1) + " on a second gateway (its own JVM, the"
                    + " same broker), which is stopped (SIGTERM) and started again 10 s into 60 s at "
                    + (long) RESTART_RATE + " messages/s; its sockets all reconnect once it is ready, and catch-up"
                    + " counts from then.");
        }
        if (scaleOut) {
            lengths.add("S6: " + shape + " in S2's users' shape, each rate " + length.toSeconds() + " s after both"
                    + " gateways warmed (20 s rounds until their compilers took under 5%); the second gateway (its"
                    + " own JVM, -Xmx1g, the same broker) reads every event in both placements.");
        }
        report.note(String.join(" ", lengths) + " Both systems got -Xmx" + heap
                + " and ran on this machine beside the load generator.");
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        write(out, markdown);
        System.out.println("Written to " + out);
    }

    /**
     * Waits until the target has worked off what the scenario before left it (a rate it could not hold leaves a
     * backlog it goes on working through): until it uses under a fifth of a core over 5 s, two minutes at most. Each
     * scenario then starts from a quiet system, as if it ran alone.
     */
    private static void settle(Target target) throws InterruptedException {
        long start = System.nanoTime();
        double cores = 1;
        while (cores >= 0.2 && System.nanoTime() - start < Duration.ofMinutes(2).toNanos()) {
            long before = ProcessStats.cpuMicros(target.pid());
            if (before < 0) {
                return; // no /proc: nothing to wait for
            }
            // A sleep, not a wait for a condition: the condition is the CPU used over a span, so the span is slept.
            Thread.sleep(5_000);
            cores = (ProcessStats.cpuMicros(target.pid()) - before) / 5e6;
        }
        System.out.printf(
                "  settled in %.0f s (%.0f%% of a core at the end)%n", (System.nanoTime() - start) / 1e9, cores * 100);
    }

    /**
     * S5: S2's shape under load while 10% of the sockets are cut off, each for 1 to 60 s, and come back with
     * {@code ?since=} the last message they had.
     */
    private static ChatLoad.Result resume(Target target, int conversations, int sockets, double rate, Duration length)
            throws Exception {
        try (ChatLoad load = new ChatLoad(conversations, sockets)) {
            load.connect(target);
            load.run(rate, Duration.ofSeconds(5), Duration.ofSeconds(5));
            ChatLoad.Result result = load.run(
                    rate,
                    length,
                    Duration.ofSeconds(30),
                    new ChatLoad.Drops(0.1, Duration.ofSeconds(1), Duration.ofSeconds(60)));
            print("drops", result);
            return result;
        }
    }

    private static final int RESTART_CONVERSATIONS = 500;
    private static final int RESTART_SOCKETS = 21;
    private static final double RESTART_RATE = 100;

    /**
     * With {@code --jfr FILE}, the restarted gateway records too, to FILE with {@code -restarted-gateway} before its
     * extension: each start writes the file anew, so it holds the run after the restart.
     */
    private static List<String> gatewayOptions(Map<String, String> options) {
        if (!options.containsKey("jfr")) {
            return List.of();
        }
        String file = Path.of(options.get("jfr")).toAbsolutePath().toString();
        return List.of("-XX:StartFlightRecording=settings=profile,filename="
                + file.replaceFirst("(\\.jfr)?$", "-restarted-gateway.jfr"));
    }

    /**
     * S5's restart: 10,000 sockets on a second gateway instance, which is restarted under load while the senders, on
     * the local mode's gateway, go on.
     */
    private static ChatLoad.Result restart(
            Target target, Duration[] took, List<String> gatewayOptions, SecondGateway.Start start) throws Exception {
        Path jar;
        try (var jars = Files.newDirectoryStream(Path.of("ws-gateway/target"), "ws-gateway-*-exec.jar")) {
            jar = jars.iterator().next();
        }
        try (SecondGateway gateway = SecondGateway.start(jar, "1g", gatewayOptions, start);
                ChatLoad load = new ChatLoad(RESTART_CONVERSATIONS, RESTART_SOCKETS)) {
            Duration connecting = load.connect(
                    target, (index, address) -> index % RESTART_SOCKETS == 0 ? address : SecondGateway.moved(address));
            System.out.printf(
                    "  S5 restart: %d sockets connected in %.1f s%n", load.sockets(), connecting.toMillis() / 1000.0);
            load.run(RESTART_RATE, Duration.ofSeconds(5), Duration.ofSeconds(5));
            long self = ProcessHandle.current().pid();
            long[] atReady = new long[4];
            ChatLoad.Result result = load.run(
                    RESTART_RATE,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(30),
                    new ChatLoad.Restart(
                            index -> index % RESTART_SOCKETS != 0,
                            Duration.ofSeconds(10),
                            () -> {
                                took[0] = gateway.restart();
                                atReady[0] = System.nanoTime();
                                atReady[1] = ProcessStats.cpuMicros(gateway.pid());
                                atReady[2] = ProcessStats.cpuMicros(target.pid());
                                atReady[3] = ProcessStats.cpuMicros(self);
                                return null;
                            },
                            () -> System.out.printf(
                                    "  S5 restart: all back %.1f s after the gateway was ready; CPU meanwhile: second"
                                            + " gateway %.1f s, pipeline JVM %.1f s, load generator %.1f s%n",
                                    (System.nanoTime() - atReady[0]) / 1e9,
                                    (ProcessStats.cpuMicros(gateway.pid()) - atReady[1]) / 1e6,
                                    (ProcessStats.cpuMicros(target.pid()) - atReady[2]) / 1e6,
                                    (ProcessStats.cpuMicros(self) - atReady[3]) / 1e6)));
            print("restart", result);
            return result;
        }
    }

    private static void print(String what, ChatLoad.Result result) {
        ChatLoad.Resumes resumes = result.resumes();
        System.out.printf(
                "  S5 %s at %.0f msg/s: %d resumed (%d failed, %d not recovered), %d messages recovered,"
                        + " catch-up p99 %.1f ms max %.1f ms; %d missing, %d duplicated, %d reordered%n",
                what,
                result.rate(),
                resumes.resumed(),
                resumes.failed(),
                resumes.notRecovered(),
                resumes.recoveredMessages(),
                resumes.catchUpMicros().getValueAtPercentile(99) / 1000.0,
                resumes.catchUpMicros().getMaxValue() / 1000.0,
                result.lost(),
                result.duplicates(),
                result.reordered());
    }

    /** S4's two measurements: the first 20 s at 500 updates/s, the JVM still compiling, and the one once warmed. */
    private record Inbound(InboundLoad.Result first, InboundLoad.Result warmed) {}

    /** S4: 1,000 customers write in through the webhook at 500 updates/s; ten agents' list sockets watch. */
    private static Inbound inbound(Target target, Duration length, int warmUpRounds, List<String> warmUps)
            throws Exception {
        try (InboundLoad load = new InboundLoad(1000)) {
            load.connect(target, 10);
            var webhooks = target.telegramWebhooks();
            // Warm-up: every customer's conversation opened (1,000 updates), then the steady path until the compilers
            // are quiet, so the measurement sees neither the conversations' first messages nor a JVM still compiling
            // (a fixed 20 s left S4 measuring the backlog the compiling JVM built: docs/benchmarks.md, S4).
            load.run(webhooks, 100, Duration.ofSeconds(10), Duration.ofSeconds(10));
            List<InboundLoad.Result> rounds = new ArrayList<>();
            warmUps.add(warmUp(
                    () -> rounds.add(load.run(webhooks, 500, Duration.ofSeconds(20), Duration.ofSeconds(15))),
                    target.pid(),
                    target.name(),
                    "500 updates/s",
                    warmUpRounds));
            InboundLoad.Result result = load.run(webhooks, 500, length, Duration.ofSeconds(15));
            System.out.printf(
                    "  S4 500 updates/s: p50 %.1f ms (webhook answered %.1f, stored %.1f), p99 %.1f ms, %d missing,"
                            + " %d duplicated, %d refused%n",
                    result.latencyMicros().getValueAtPercentile(50) / 1000.0,
                    result.webhookAnswerMicros().getValueAtPercentile(50) / 1000.0,
                    result.toStoredMicros().getValueAtPercentile(50) / 1000.0,
                    result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                    result.missing(),
                    result.duplicates(),
                    result.refused());
            return new Inbound(rounds.get(0), result);
        }
    }

    /**
     * S1's handshake rate, warmed: bursts of as many sockets until the JIT compilers take under 5% of the server's CPU
     * in one (four at most; a JVM fresh from its start took 2.4 to 4.3 ms of CPU per socket where a warmed one takes
     * about 1 ms), then the measured one.
     */
    private static HandshakeRate warmHandshakes(Target target, int count) throws Exception {
        for (int round = 0; round < 4; round++) {
            CpuUse.Snapshot before = CpuUse.snapshot(target.pid(), -1);
            handshakes(target, count, "warm-up-" + round + "-");
            if (before.until(CpuUse.snapshot(target.pid(), -1)).jitShare() < JIT_QUIET) {
                break;
            }
        }
        return handshakes(target, count, "burst-");
    }

    /**
     * S1's handshake rate: {@code count} agents' list sockets opened by the light client ({@link Handshakes}), 128
     * handshakes under way at most, then closed. The CPU of the server and of this generator over the opening says
     * which of the two set the pace.
     */
    private static HandshakeRate handshakes(Target target, int count, String agents) throws Exception {
        List<URI> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(target.listSocket(agents + i));
        }
        long pid = target.pid();
        long self = ProcessHandle.current().pid();
        HandshakeRate rate;
        try (Handshakes handshakes = new Handshakes()) {
            long serverBefore = ProcessStats.cpuMicros(pid);
            long selfBefore = ProcessStats.cpuMicros(self);
            CpuUse.Snapshot threadsBefore = CpuUse.snapshot(pid, target.postgresPid());
            long start = System.nanoTime();
            handshakes.open(addresses, 128);
            long opening = System.nanoTime() - start;
            long serverOpened = ProcessStats.cpuMicros(pid);
            long selfOpened = ProcessStats.cpuMicros(self);
            Handshakes.Burst burst = handshakes.awaitLists(Duration.ofSeconds(60));
            long serverAfter = ProcessStats.cpuMicros(pid);
            CpuUse threads = threadsBefore.until(CpuUse.snapshot(pid, target.postgresPid()));
            double machine = opening / 1000.0 * Runtime.getRuntime().availableProcessors();
            rate = new HandshakeRate(
                    burst,
                    serverBefore < 0 ? -1 : (serverAfter - serverBefore) / (double) Math.max(1, burst.upgraded()),
                    serverBefore < 0 ? -1 : (serverOpened - serverBefore) / machine,
                    selfBefore < 0 ? -1 : (selfOpened - selfBefore) / machine);
            System.out.printf(
                    "  S1 %s handshakes (%s): %d of %d opened at %.0f/s (p99 %.1f ms), %d with their list at %.0f/s; CPU"
                            + " while opening: server %.0f%%, generator %.0f%% of the machine; %.0f µs server CPU"
                            + " per socket; failures: %s%n",
                    target.name(),
                    agents.equals("burst-") ? "measured" : "warm-up",
                    burst.upgraded(),
                    burst.attempted(),
                    burst.handshakesPerSecond(),
                    burst.upgradeMicros().getValueAtPercentile(99) / 1000.0,
                    burst.listed(),
                    burst.listsPerSecond(),
                    rate.serverShare() * 100,
                    rate.generatorShare() * 100,
                    rate.serverMicrosPerSocket(),
                    burst.failures());
            System.out.println("    CPU by thread, µs per socket: PostgreSQL "
                    + threads.postgresMicros() / Math.max(1, burst.upgraded()) + ", "
                    + threads.threadMicros().entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .limit(12)
                            .map(e -> e.getKey() + " " + e.getValue() / Math.max(1, burst.upgraded()))
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("-"));
        }
        // The server lets go of the sockets just closed before the next burst, or the idle sockets, start.
        settle(target);
        return rate;
    }

    /**
     * S1: {@code count} agents' list sockets opened as fast as the server takes them (at most 256 handshakes under
     * way) and held idle. The server's live heap is measured after a full collection three times: before, at half and
     * at all the sockets. The cost per connection is the growth over the second half, so what the first sockets warm
     * up once (pools, caches, the first queries of the services beside the gateway) does not count against each.
     */
    private static Connections connections(Target target, int count) throws Exception {
        List<URI> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(target.listSocket("idle-" + i));
        }
        long pid = target.pid();
        try (IdleConnections idle = new IdleConnections()) {
            long cpuBefore = ProcessStats.cpuMicros(pid);
            IdleConnections.Opened first = idle.open(addresses.subList(0, count / 2), 256);
            long cpuBetween = ProcessStats.cpuMicros(pid);
            // A sleep, not a wait for a condition: what is measured is sockets held idle, as agents' are, so their
            // heap is counted after a fixed quiet time, not as soon as something happens.
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            LiveHeap heapHalf = LiveHeap.of(pid);
            long rssHalf = ProcessStats.rssBytes(pid);
            long cpuHalf = ProcessStats.cpuMicros(pid);
            IdleConnections.Opened second = idle.open(addresses.subList(count / 2, count), 256);
            long cpuAfter = ProcessStats.cpuMicros(pid);
            // A sleep for the same reason: "held" counts sockets still open after a quiet time. A server that closes
            // idle sockets shows it here: the first half has by now been idle for the second half's opening (tens of
            // seconds at 18,000 sockets) plus these 10 s, past Jetty's 30 s default.
            Thread.sleep(Duration.ofSeconds(10).toMillis());
            LiveHeap heapAll = LiveHeap.of(pid);
            long rssAll = ProcessStats.rssBytes(pid);
            long held = idle.stillOpen();
            long secondHalf = Math.max(1, second.opened());
            Connections result = new Connections(
                    first.and(second),
                    held,
                    idle.listsReceived(),
                    idle.closeCodes(),
                    (heapAll.totalBytes() - heapHalf.totalBytes()) / (double) secondHalf,
                    (rssAll - rssHalf) / (double) secondHalf,
                    cpuBefore < 0
                            ? -1
                            : (cpuBetween - cpuBefore + cpuAfter - cpuHalf)
                                    / (double) Math.max(1, first.opened() + second.opened()),
                    heapAll.largestGrowth(heapHalf, 6).stream()
                            .map(entry -> Map.entry(entry.getKey(), entry.getValue() / (double) secondHalf))
                            .toList());
            System.out.printf(
                    "  S1 %s: %d of %d held, %d with their list (closed by the server: %s), %d failed %s, %.0f handshakes/s at %.0f µs"
                            + " server CPU each, %.1f KB heap and %.1f KB RSS per connection; by class: %s%n",
                    target.name(),
                    held,
                    count,
                    result.listsReceived(),
                    result.closeCodes(),
                    result.opened().failed(),
                    result.opened().failures(),
                    result.opened().handshakesPerSecond(),
                    result.cpuMicrosPerConnect(),
                    result.heapBytesPerConnection() / 1024,
                    result.rssBytesPerConnection() / 1024,
                    result.largestClasses());
            return result;
        }
    }

    /** S3: rates tried in turn, messages/s, until one fails; 2,223 is the target (20,000 deliveries/s). */
    private static final List<Double> MANY_CHATS = List.of(250.0, 500.0, 1000.0, 2000.0, 2223.0, 2500.0, 3000.0);

    private static final List<Double> ONE_CHAT = List.of(10.0, 20.0, 41.0, 80.0, 120.0);

    /**
     * S3: the highest rate sustained for {@code step} with p99 ≤ 250 ms and every message delivered once, in order,
     * and the CPU the serving process spent per delivery there.
     */
    private static Ceiling ceiling(Target target, int conversations, int sockets, List<Double> rates, Duration step)
            throws Exception {
        String shape = conversations + " × " + sockets;
        Ceiling best = new Ceiling(shape, 0, null, -1, false);
        try (ChatLoad load = new ChatLoad(conversations, sockets)) {
            load.connect(target);
            load.run(rates.get(0), Duration.ofSeconds(5), Duration.ofSeconds(5));
            for (double rate : rates) {
                long cpuBefore = ProcessStats.cpuMicros(target.pid());
                ChatLoad.Result result = load.run(rate, step, Duration.ofSeconds(5));
                long cpu = ProcessStats.cpuMicros(target.pid()) - cpuBefore;
                boolean held = result.lost() == 0
                        && result.duplicates() == 0
                        && result.reordered() == 0
                        && result.latencyMicros().getValueAtPercentile(99) <= 250_000;
                System.out.printf(
                        "  S3 %s at %.0f msg/s: %.0f deliveries/s, p99 %.1f ms, %d missing: %s%n",
                        shape,
                        rate,
                        result.deliveriesPerSecond(),
                        result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                        result.lost(),
                        held ? "held" : "not held");
                if (!held) {
                    break;
                }
                best = new Ceiling(
                        shape,
                        rate,
                        result,
                        cpuBefore < 0 ? -1 : cpu / (double) Math.max(1, result.deliveries()),
                        rate == rates.get(rates.size() - 1));
            }
        }
        return best;
    }

    /**
     * S2: each rate after a warm-up; with {@code cold}, the first rate also right after the sockets connect (the
     * system just started, as its first users find it), before the warm-up.
     */
    private static List<Rate> latencies(
            Target target,
            int conversations,
            int sockets,
            List<Double> rates,
            Duration length,
            ChatLoad.Shape agents,
            boolean cold,
            int warmUpRounds,
            List<String> warmUps)
            throws Exception {
        List<Rate> results = new ArrayList<>();
        try (ChatLoad load = new ChatLoad(conversations, sockets, agents)) {
            Duration connecting = load.connect(target);
            System.out.printf("  %d sockets connected in %.1f s%n", load.sockets(), connecting.toMillis() / 1000.0);
            List<Double> runs = new ArrayList<>(rates);
            if (cold) {
                runs.add(0, rates.get(0));
            }
            for (int run = 0; run < runs.size(); run++) {
                double rate = runs.get(run);
                if (run == (cold ? 1 : 0)) {
                    warmUps.add(warmUp(load, target.pid(), target.name(), rates.get(0), warmUpRounds));
                }
                // The CPU of the system under test (its JVM, the local mode's broker included, and PostgreSQL's
                // processes) over the whole run, the drain included, per delivery.
                Optional<StatementStats> statements =
                        target instanceof PipelineTarget pipeline ? pipeline.statementStats() : Optional.empty();
                if (statements.isPresent()) {
                    statements.get().reset();
                }
                CpuUse.Snapshot before = CpuUse.snapshot(target.pid(), target.postgresPid());
                ChatLoad.Result measured = load.run(rate, length, Duration.ofSeconds(10));
                CpuUse cpu = before.until(CpuUse.snapshot(target.pid(), target.postgresPid()));
                ChatLoad.Result result = cpu.jvmMicros() < 0 ? measured : measured.withCpuMicros(cpu.jvmMicros());
                System.out.printf(
                        "  %.0f msg/s: p50 %.1f ms, p99 %.1f ms, %d lost, %d duplicated, %d reordered, %.0f µs CPU per"
                                + " delivery%n",
                        rate,
                        result.latencyMicros().getValueAtPercentile(50) / 1000.0,
                        result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                        result.lost(),
                        result.duplicates(),
                        result.reordered(),
                        result.cpuMicrosPerDelivery());
                results.add(new Rate(
                        result, cpu, statements.isPresent() ? statements.get().top(12) : List.of()));
            }
        }
        return results;
    }

    /**
     * Runs the load in 20 s rounds until the JIT compilers take under 5% of the target's CPU in a round, three minutes
     * at most: "warmed" means the code the load runs is compiled, which a large JVM on two cores takes minutes to get
     * to (docs/benchmarks.md, second profile).
     */
    static String warmUp(ChatLoad load, long pid, String name, double rate, int maxRounds) {
        return warmUp(
                () -> load.run(rate, Duration.ofSeconds(20), Duration.ofSeconds(5)),
                pid,
                name,
                "%.0f msg/s".formatted(rate),
                maxRounds);
    }

    /** {@link #warmUp(ChatLoad, long, String, double, int)}'s rounds, each one run of {@code round}. */
    static String warmUp(Runnable round, long pid, String name, String rate, int maxRounds) {
        long start = System.nanoTime();
        double share = 1;
        for (int i = 0; i < maxRounds && share >= JIT_QUIET; i++) {
            CpuUse.Snapshot before = CpuUse.snapshot(pid, -1);
            round.run();
            share = before.until(CpuUse.snapshot(pid, -1)).jitShare();
            if (share < 0) {
                break; // no /proc: one round is all the warm-up there is
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  %s warmed up for %.0f s at %s: the JIT compilers took %.1f%% of its CPU in the last round%n",
                name, seconds, rate, share * 100);
        return "%s %.0f s (the compilers %.1f%% of its CPU at the end)".formatted(name, seconds, share * 100);
    }

    private static final double JIT_QUIET = 0.05;

    /** One S2 rate: what the clients saw, and where the system under test spent its CPU meanwhile. */
    private record Rate(ChatLoad.Result result, CpuUse cpu, List<StatementStats.Row> statements) {}

    /** Keeps the file's introduction and replaces the previous run with this one. */
    private static void write(Path out, String run) throws Exception {
        String intro = "";
        if (Files.exists(out)) {
            String existing = Files.readString(out, StandardCharsets.UTF_8);
            int previous = existing.indexOf("\n## Run of ");
            intro = previous < 0 ? existing.strip() + "\n" : existing.substring(0, previous + 1);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, intro + "\n" + run, StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (Set.of("quick", "s2-cold", "s2-warm-only", "pg-stats").contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }
}
