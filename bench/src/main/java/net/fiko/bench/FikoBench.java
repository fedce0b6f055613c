package net.fiko.bench;

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
import net.fiko.bench.baseline.BaselineServer;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.load.InboundLoad;
import net.fiko.bench.report.Machine;
import net.fiko.bench.report.Report;
import net.fiko.bench.sut.BaselineTarget;
import net.fiko.bench.sut.PipelineTarget;
import net.fiko.bench.sut.ProcessStats;
import net.fiko.bench.sut.Target;

/**
 * The benchmark: starts the baseline server and then the local mode, each in a JVM of its own, drives both with the
 * same open-loop load through real WebSockets, and prints a table that it also writes to {@code docs/benchmarks.md}.
 *
 * <p>Options: {@code --quick} (one short rate, for trying it out), {@code --rates 200,1000,2000},
 * {@code --seconds 20}, {@code --conversations 100}, {@code --sockets 10}, {@code --heap 2g}, {@code --out FILE},
 * {@code --jfr FILE} (a flight recording of the pipeline's JVM, for profiling), {@code --scenarios S2,S3,S4},
 * {@code --s3-seconds 30} (how long each S3 rate must hold, and how long S4 runs).
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

        String scenarios = options.getOrDefault("scenarios", quick ? "S2" : "S2,S3,S4");
        boolean latency = scenarios.contains("S2");
        boolean fanOut = scenarios.contains("S3");
        boolean inbound = scenarios.contains("S4");
        Duration step = Duration.ofSeconds(Long.parseLong(options.getOrDefault("s3-seconds", "30")));

        System.out.println("Baseline: bare Spring WebSocket broadcast server ...");
        List<ChatLoad.Result> baseline;
        List<Ceiling> baselineCeilings = new ArrayList<>();
        InboundLoad.Result baselineInbound = null;
        try (BaselineTarget target = BaselineTarget.start(Path.of("bench/target/fiko-bench.jar"), heap)) {
            baseline = latency ? latencies(target, conversations, sockets, rates, length) : List.of();
            if (fanOut) {
                baselineCeilings.add(ceiling(target, 100, 10, MANY_CHATS, step));
                baselineCeilings.add(ceiling(target, 1, 1000, ONE_CHAT, step));
            }
            if (inbound) {
                baselineInbound = inbound(target, step);
            }
        }
        System.out.println("Fiko pipeline: the local mode ...");
        List<String> pipelineOptions = options.containsKey("jfr")
                ? List.of("-XX:StartFlightRecording=settings=profile,filename="
                        + Path.of(options.get("jfr")).toAbsolutePath())
                : List.of();
        try (PipelineTarget target =
                PipelineTarget.start(Path.of("local/target/fiko-local.jar"), heap, pipelineOptions)) {
            report.startup("Local mode (broker, PostgreSQL, four services), JVM start to ready", target.startup());
            target.partStartups().forEach((part, time) -> report.startup("  " + part, time));
            if (latency) {
                List<ChatLoad.Result> fiko = latencies(target, conversations, sockets, rates, length);
                for (int i = 0; i < rates.size(); i++) {
                    report.latency(shape, fiko.get(i), baseline.get(i));
                }
            }
            if (fanOut) {
                report.ceiling(ceiling(target, 100, 10, MANY_CHATS, step), baselineCeilings.get(0), "≥ 20,000");
                report.ceiling(ceiling(target, 1, 1000, ONE_CHAT, step), baselineCeilings.get(1), "≥ 40,000");
            }
            if (inbound) {
                report.inbound(inbound(target, step), baselineInbound);
            }
        }
        List<String> lengths = new ArrayList<>();
        if (latency) {
            lengths.add("S2: each rate ran " + length.toSeconds() + " s after a warm-up.");
        }
        if (fanOut) {
            lengths.add("S3: each rate had to hold for " + step.toSeconds() + " s.");
        }
        if (inbound) {
            lengths.add("S4: " + step.toSeconds() + " s after a warm-up.");
        }
        report.note(String.join(" ", lengths) + " Both systems got -Xmx" + heap
                + " and ran on this machine beside the load generator.");
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        write(out, markdown);
        System.out.println("Written to " + out);
    }

    /** S4: 1,000 customers write in through the webhook at 500 updates/s; ten agents' list sockets watch. */
    private static InboundLoad.Result inbound(Target target, Duration length) throws Exception {
        try (InboundLoad load = new InboundLoad(1000)) {
            load.connect(target, 10);
            var webhooks = target.telegramWebhooks();
            load.run(webhooks, 100, Duration.ofSeconds(5), Duration.ofSeconds(10));
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
            return result;
        }
    }

    /** S3: rates tried in turn, messages/s, until one fails. */
    private static final List<Double> MANY_CHATS = List.of(250.0, 500.0, 1000.0, 2000.0, 3000.0);

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
     * The best rate a shape held, with its result (null if even the first rate failed); {@code highestTried}: the
     * ramp ended there, so the real ceiling is higher.
     */
    public record Ceiling(
            String shape, double rate, ChatLoad.Result result, double cpuMicrosPerDelivery, boolean highestTried) {}

    private static List<ChatLoad.Result> latencies(
            Target target, int conversations, int sockets, List<Double> rates, Duration length) throws Exception {
        List<ChatLoad.Result> results = new ArrayList<>();
        try (ChatLoad load = new ChatLoad(conversations, sockets)) {
            Duration connecting = load.connect(target);
            System.out.printf("  %d sockets connected in %.1f s%n", load.sockets(), connecting.toMillis() / 1000.0);
            load.run(rates.get(0), Duration.ofSeconds(5), Duration.ofSeconds(5));
            for (double rate : rates) {
                ChatLoad.Result result = load.run(rate, length, Duration.ofSeconds(10));
                System.out.printf(
                        "  %.0f msg/s: p50 %.1f ms, p99 %.1f ms, %d lost, %d duplicated, %d reordered%n",
                        rate,
                        result.latencyMicros().getValueAtPercentile(50) / 1000.0,
                        result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                        result.lost(),
                        result.duplicates(),
                        result.reordered());
                results.add(result);
            }
        }
        return results;
    }

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
            if (name.equals("quick")) {
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
