package net.fiko.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.load.Target;
import net.fiko.bench.model.ScalingModel;
import net.fiko.bench.report.ScaleOutRow;
import net.fiko.bench.sut.CpuUse;
import net.fiko.bench.sut.PipelineTarget;
import net.fiko.bench.sut.ProcessStats;
import net.fiko.bench.sut.SecondGateway;
import net.fiko.bench.sut.TopicCost;

/**
 * S6, scaling out: a second ws-gateway instance (its own JVM, the same broker) beside the local mode's. First it
 * serves no socket while S2's shape runs on the local mode's gateway: what it spends then is what a gateway spends on
 * events none of its sockets wants, since every instance reads every event. Then half of each conversation's sockets
 * move to it and the same rates run again: one gateway against two.
 */
final class ScaleOut {

    private ScaleOut() {}

    /**
     * The cost model of docs/scaling.md with the costs measured here: the second gateway reading every event for none
     * of its sockets, at the highest rate.
     */
    static ScalingModel model(List<ScaleOutRow> rows) {
        ScaleOutRow reading = rows.stream()
                .filter(row -> row.placement().startsWith("one gateway"))
                .max(java.util.Comparator.comparingDouble(row -> row.result().rate()))
                .orElseThrow();
        double sent = Math.max(1, reading.result().sent());
        return new ScalingModel(
                reading.quietMicrosPerSecond() / 1e6,
                Math.max(0, reading.secondMarginalMicrosPerRecord()),
                reading.secondRecords() / sent,
                reading.secondBytes() / sent);
    }

    /** What a topic per conversation would cost the broker, if the target is the local mode: 2,000 of them. */
    static java.util.Optional<TopicCost> topicCost(Target target) throws Exception {
        if (!(target instanceof PipelineTarget pipeline)) {
            return java.util.Optional.empty();
        }
        TopicCost cost = pipeline.topicCost(2000);
        System.out.printf(
                "  S6 %d topics of one partition created in %.1f s; per topic the broker holds %.1f more open files,"
                        + " %.1f memory maps, %.1f KB resident memory, %.1f files on disk%n",
                cost.created(),
                cost.took().toMillis() / 1000.0,
                cost.openFiles(),
                cost.memoryMaps(),
                cost.rssBytes() / 1024,
                cost.diskFiles());
        return java.util.Optional.of(cost);
    }

    static List<ScaleOutRow> run(Target target, int conversations, int sockets, List<Double> rates, Duration length)
            throws Exception {
        Path jar;
        try (var jars = Files.newDirectoryStream(Path.of("ws-gateway/target"), "ws-gateway-*-exec.jar")) {
            jar = jars.iterator().next();
        }
        List<ScaleOutRow> rows = new ArrayList<>();
        double quietMicrosPerSecond;
        try (SecondGateway second = SecondGateway.start(jar, "1g", List.of())) {
            try (ChatLoad load = new ChatLoad(conversations, sockets, ChatLoad.Shape.AGENTS)) {
                load.connect(target);
                // Both JVMs warmed: the local mode's by serving, the second's by reading every event meanwhile.
                FikoBench.warmUp(load, target.pid(), "S6 one gateway", rates.get(0), 9);
                FikoBench.warmUp(load, second.pid(), "S6 the second gateway, reading", rates.get(0), 9);
                quietMicrosPerSecond = quiet(second);
                rows.addAll(new Measuring(target, second, length, quietMicrosPerSecond)
                        .rows("one gateway serves all; the second serves none", load, rates));
            }
            try (ChatLoad load = new ChatLoad(conversations, sockets, ChatLoad.Shape.AGENTS)) {
                // The sender of each conversation (its first socket) stays on the local mode's gateway.
                load.connect(target, (index, address) -> index % 2 == 1 ? SecondGateway.moved(address) : address);
                FikoBench.warmUp(load, second.pid(), "S6 the second gateway, serving", rates.get(0), 9);
                rows.addAll(new Measuring(target, second, length, quietMicrosPerSecond)
                        .rows("split: half of each chat's sockets on each", load, rates));
            }
        }
        return rows;
    }

    /**
     * The second gateway's CPU per second with no traffic at all (its pollers, timers and pings): what is left of its
     * CPU under load, over this, is what the records cost.
     */
    private static double quiet(SecondGateway second) throws InterruptedException {
        long before = ProcessStats.cpuMicros(second.pid());
        long start = System.nanoTime();
        // A sleep, not a wait for a condition: what is measured is the CPU of a span with nothing happening.
        Thread.sleep(Duration.ofSeconds(20).toMillis());
        double perSecond = (ProcessStats.cpuMicros(second.pid()) - before) / ((System.nanoTime() - start) / 1e9);
        System.out.printf("  S6 the second gateway with no traffic: %.1f%% of a core%n", perSecond / 1e4);
        return perSecond;
    }

    /** One placement's rows: the pipeline, the second gateway and how long each rate runs, with its quiet CPU. */
    private record Measuring(Target target, SecondGateway second, Duration length, double quietMicrosPerSecond) {

        List<ScaleOutRow> rows(String placement, ChatLoad load, List<Double> rates) throws Exception {
            List<ScaleOutRow> rows = new ArrayList<>();
            for (double rate : rates) {
                rows.add(row(placement, load, rate));
            }
            return rows;
        }

        ScaleOutRow row(String placement, ChatLoad load, double rate) throws Exception {
            Duration drain = Duration.ofSeconds(10);
            CpuUse.Snapshot before = CpuUse.snapshot(target.pid(), target.postgresPid());
            long secondBefore = ProcessStats.cpuMicros(second.pid());
            long recordsBefore = second.recordsRead();
            long bytesBefore = second.bytesRead();
            ChatLoad.Result result = load.run(rate, length, drain);
            long secondMicros = ProcessStats.cpuMicros(second.pid()) - secondBefore;
            CpuUse pipeline = before.until(CpuUse.snapshot(target.pid(), target.postgresPid()));
            ScaleOutRow row = new ScaleOutRow(
                    placement,
                    result,
                    pipeline.jvmMicros(),
                    secondMicros,
                    second.recordsRead() - recordsBefore,
                    second.bytesRead() - bytesBefore,
                    result.total(),
                    quietMicrosPerSecond);
            System.out.printf(
                    "  S6 %s, %.0f msg/s: p50 %.1f ms, p99 %.1f ms, %d lost (sockets closed by a server: %s); pipeline %.0f µs per delivery; second gateway"
                            + " %.1f µs per record read, %.1f over its CPU with no traffic (%d records, %d bytes), %.0f%% of a core%n",
                    placement,
                    rate,
                    result.latencyMicros().getValueAtPercentile(50) / 1000.0,
                    result.latencyMicros().getValueAtPercentile(99) / 1000.0,
                    result.lost(),
                    load.closedByServer(),
                    row.pipelineMicrosPerDelivery(),
                    row.secondMicrosPerRecord(),
                    row.secondMarginalMicrosPerRecord(),
                    row.secondRecords(),
                    row.secondBytes(),
                    row.secondCoreShare() * 100);
            return row;
        }
    }
}
