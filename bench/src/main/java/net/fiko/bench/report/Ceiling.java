package net.fiko.bench.report;

import net.fiko.bench.load.ChatLoad;

/**
 * The best rate a shape held, with its result (null if even the first rate failed); {@code highestTried}: the
 * ramp ended there, so the real ceiling is higher.
 */
public record Ceiling(
        String shape, double rate, ChatLoad.Result result, double cpuMicrosPerDelivery, boolean highestTried) {}
