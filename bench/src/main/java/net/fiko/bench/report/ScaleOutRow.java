package net.fiko.bench.report;

import java.time.Duration;
import net.fiko.bench.load.ChatLoad;

/**
 * S6: one rate in one placement: what the clients saw, the local mode's JVM's CPU per delivery, and the second
 * gateway's CPU, the records it read and their bytes.
 */
public record ScaleOutRow(
        String placement,
        ChatLoad.Result result,
        long pipelineMicros,
        long secondMicros,
        long secondRecords,
        long secondBytes,
        Duration length,
        double quietMicrosPerSecond) {

    /** The second gateway's CPU per record read over what it spends with no traffic. */
    public double secondMarginalMicrosPerRecord() {
        double quiet = quietMicrosPerSecond * length.toNanos() / 1e9;
        return (secondMicros - quiet) / Math.max(1, secondRecords);
    }

    public double pipelineMicrosPerDelivery() {
        return pipelineMicros / (double) Math.max(1, result.deliveries());
    }

    public double secondMicrosPerRecord() {
        return secondMicros / (double) Math.max(1, secondRecords);
    }

    public double secondMicrosPerMessage() {
        return secondMicros / (double) Math.max(1, result.sent());
    }

    /** The second gateway's CPU as a share of one core over the run and its drain. */
    public double secondCoreShare() {
        return secondMicros / (length.toNanos() / 1000.0);
    }
}
