package net.fiko.faults.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a scenario in one line: what was sent and acknowledged, and what was lost, duplicated or reordered
 * anywhere (in PostgreSQL, at a client, at the platform), with the finer counts behind each figure.
 *
 * @param recovered messages that needed more than one attempt (a resend, a reposted webhook) and then got through
 */
public record Figures(
        String scenario,
        long sent,
        long acked,
        long lost,
        long duplicated,
        long outOfOrder,
        long recovered,
        Map<String, Long> details) {

    /** Every figure that must be zero is. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0 && sent == acked;
    }

    public String line() {
        String finer = details.entrySet().stream()
                .map(entry -> entry.getKey() + " " + String.format("%,d", entry.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(
                "%s: %,d sent, %,d acked, lost %,d, duplicated %,d, out of order %,d, recovered %,d (%s)",
                scenario, sent, acked, lost, duplicated, outOfOrder, recovered, finer);
    }

    /** Collects a scenario's counts, each filed as lost, duplicated or out of order, or as a plain detail. */
    public static final class Builder {
        private final String scenario;
        private long sent;
        private long acked;
        private long lost;
        private long duplicated;
        private long outOfOrder;
        private long recovered;
        private final Map<String, Long> details = new LinkedHashMap<>();

        public Builder(String scenario) {
            this.scenario = scenario;
        }

        public Builder sent(long count, long ackedCount) {
            sent += count;
            acked += ackedCount;
            return this;
        }

        public Builder lost(String what, long count) {
            lost += count;
            return detail(what, count);
        }

        public Builder duplicated(String what, long count) {
            duplicated += count;
            return detail(what, count);
        }

        public Builder outOfOrder(String what, long count) {
            outOfOrder += count;
            return detail(what, count);
        }

        public Builder recovered(long count) {
            recovered += count;
            return this;
        }

        public Builder detail(String what, long count) {
            details.merge(what, count, Long::sum);
            return this;
        }

        public Figures build() {
            return new Figures(
                    scenario,
                    sent,
                    acked,
                    lost,
                    duplicated,
                    outOfOrder,
                    recovered,
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details)));
        }
    }
}
