package net.fiko.bench.report;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.load.IdleConnections;
import net.fiko.bench.load.InboundLoad;
import net.fiko.bench.model.ScalingModel;
import net.fiko.bench.sut.CpuUse;
import net.fiko.bench.sut.StatementStats;
import net.fiko.bench.sut.TopicCost;
import org.HdrHistogram.Histogram;

/** The table a run prints and writes to {@code docs/benchmarks.md}. */
public final class Report {

    private final String command;
    private final Machine machine;
    private final ZonedDateTime date;
    private final List<String[]> connectionRows = new ArrayList<>();
    private final List<String> connectionNotes = new ArrayList<>();
    private final List<String[]> handshakeRows = new ArrayList<>();
    private final List<String[]> latencyRows = new ArrayList<>();
    private final List<String[]> resumeRows = new ArrayList<>();
    private final List<String[]> scaleOutRows = new ArrayList<>();
    private final List<String> scaleOutNotes = new ArrayList<>();
    private final List<String[]> modelRows = new ArrayList<>();
    private final List<String[]> startupRows = new ArrayList<>();
    private final List<String[]> ceilingRows = new ArrayList<>();
    private final List<String[]> inboundRows = new ArrayList<>();
    private final List<CpuColumn> cpuColumns = new ArrayList<>();
    private final StringBuilder statementTables = new StringBuilder();
    private final List<String> notes = new ArrayList<>();

    public Report(String command, Machine machine, ZonedDateTime date) {
        this.command = command;
        this.machine = machine;
        this.date = date;
    }

    /** S1: idle authenticated sockets held by the pipeline's gateway and by the baseline. */
    public void connections(Connections fiko, Connections baseline) {
        connectionRows.add(connectionRow("Fiko gateway", fiko));
        if (baseline != null) {
            connectionRows.add(connectionRow("Baseline", baseline));
        }
        connectionNotes.add("Fiko's heap per connection by class (the six largest): "
                + fiko.largestClasses().stream()
                        .map(entry -> "`%s` %s".formatted(entry.getKey(), kb(entry.getValue())))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("-"));
    }

    private static String[] connectionRow(String who, Connections result) {
        IdleConnections.Opened opened = result.opened();
        int cores = Runtime.getRuntime().availableProcessors();
        // The server's share of the machine while sockets opened: well below its cores, the generator set the pace.
        double serverBusy = result.cpuMicrosPerConnect() * opened.handshakesPerSecond() / 1e6 / cores;
        boolean generatorLimited = result.cpuMicrosPerConnect() > 0 && serverBusy < 0.8;
        double capacity = result.cpuMicrosPerConnect() > 0 ? cores * 1e6 / result.cpuMicrosPerConnect() : 0;
        List<String> missed = new ArrayList<>();
        if (opened.attempted() < 50_000) {
            missed.add("%,d sockets tried, not 50,000".formatted(opened.attempted()));
        }
        if (opened.failedShare() > 0.001
                || result.held() < opened.opened() * 0.999
                || result.listsReceived() < opened.opened() * 0.999) {
            missed.add("failures");
        }
        if (result.heapBytesPerConnection() > 16 * 1024) {
            missed.add("heap");
        }
        if (Math.max(opened.handshakesPerSecond(), generatorLimited ? capacity : 0) < 2000) {
            missed.add("handshakes");
        }
        return new String[] {
            who,
            "%,d of %,d, %,d with their list%s"
                    .formatted(
                            result.held(),
                            opened.attempted(),
                            result.listsReceived(),
                            result.closeCodes().isEmpty()
                                    ? ""
                                    : " (closed by the server: " + result.closeCodes() + ")"),
            "%d (%.2f%%)".formatted(opened.failed(), opened.failedShare() * 100),
            "%,.0f%s".formatted(opened.handshakesPerSecond(), generatorLimited ? " (generator-limited)" : ""),
            ms(opened.handshakeMicros().getValueAtPercentile(99)),
            result.cpuMicrosPerConnect() < 0
                    ? "-"
                    : "%,.0f µs (≈ %,.0f/s on %d cores)".formatted(result.cpuMicrosPerConnect(), capacity, cores),
            kb(result.heapBytesPerConnection()),
            kb(result.rssBytesPerConnection()),
            who.equals("Baseline") ? "-" : missed.isEmpty() ? "met" : "missed: " + String.join(", ", missed)
        };
    }

    /** S1: the handshake rate, the light client opening sockets as fast as the server takes them. */
    public void handshakes(String who, HandshakeRate rate) {
        var burst = rate.burst();
        boolean met = !who.equals("Baseline")
                && burst.handshakesPerSecond() >= 2000
                && burst.failed() <= burst.attempted() / 1000;
        handshakeRows.add(new String[] {
            who,
            "%,d of %,d (%d failed)".formatted(burst.upgraded(), burst.attempted(), burst.failed()),
            "%,.0f%s".formatted(burst.handshakesPerSecond(), rate.limit() == null ? "" : " (" + rate.limit() + ")"),
            ms(burst.upgradeMicros().getValueAtPercentile(50)) + " / "
                    + ms(burst.upgradeMicros().getValueAtPercentile(99)),
            "%,d: %,.0f/s".formatted(burst.listed(), burst.listsPerSecond()),
            burst.listMicros().getTotalCount() == 0
                    ? "-"
                    : ms(burst.listMicros().getValueAtPercentile(99)),
            rate.serverShare() < 0
                    ? "-"
                    : "%.0f%% / %.0f%%".formatted(rate.serverShare() * 100, rate.generatorShare() * 100),
            rate.serverMicrosPerSocket() < 0 ? "-" : "%,.0f µs".formatted(rate.serverMicrosPerSocket()),
            who.equals("Baseline") ? "-" : met ? "met" : "missed"
        });
    }

    private static String kb(double bytes) {
        return "%.1f KB".formatted(bytes / 1024);
    }

    /** S5: sockets dropped under load and resumed with {@code ?since=}. */
    public void resume(String disruption, ChatLoad.Result fiko) {
        ChatLoad.Resumes resumes = fiko.resumes();
        Histogram catchUp = resumes.catchUpMicros();
        boolean met = fiko.lost() == 0
                && fiko.duplicates() == 0
                && resumes.failed() == 0
                && resumes.notRecovered() == 0
                && catchUp.getMaxValue() <= 15_000_000;
        resumeRows.add(new String[] {
            disruption,
            "%.0f".formatted(fiko.rate()),
            "%d (%d failed)".formatted(resumes.resumed(), resumes.failed()),
            Long.toString(resumes.notRecovered()),
            Long.toString(resumes.recoveredMessages()),
            ms(catchUp.getValueAtPercentile(50)) + " / " + ms(catchUp.getValueAtPercentile(99)) + " / "
                    + ms(catchUp.getMaxValue()),
            "%.4f%%".formatted(100.0 * fiko.deliveries() / Math.max(1, fiko.expectedDeliveries())),
            fiko.lost() + " / " + fiko.duplicates() + " / " + fiko.reordered(),
            ms(fiko.latencyMicros().getValueAtPercentile(50)) + " / "
                    + ms(fiko.latencyMicros().getValueAtPercentile(99)),
            met ? "met" : "missed"
        });
    }

    /**
     * S6: one rate with the sockets on one gateway or split between two; the second gateway's reading of the streams
     * in both.
     */
    public void scaleOut(ScaleOutRow row) {
        ChatLoad.Result result = row.result();
        Histogram latency = result.latencyMicros();
        scaleOutRows.add(new String[] {
            row.placement(),
            "%.0f".formatted(result.rate()),
            "%.0f".formatted(result.deliveriesPerSecond()),
            ms(latency.getValueAtPercentile(50)) + " / " + ms(latency.getValueAtPercentile(99)),
            result.lost() + " / " + result.duplicates() + " / " + result.reordered(),
            "%.0f µs".formatted(row.pipelineMicrosPerDelivery()),
            "%,d records, %,d bytes (%.1f records, %,.0f bytes a message)"
                    .formatted(
                            row.secondRecords(),
                            row.secondBytes(),
                            row.secondRecords() / (double) Math.max(1, result.sent()),
                            row.secondBytes() / (double) Math.max(1, result.sent())),
            "%.0f%% of a core; %.1f µs a record, %.1f over its CPU with no traffic"
                    .formatted(
                            row.secondCoreShare() * 100,
                            row.secondMicrosPerRecord(),
                            row.secondMarginalMicrosPerRecord())
        });
    }

    /** S6: the cost model of docs/scaling.md, fed with what S6 measured. */
    public void scalingModel(ScalingModel model) {
        scaleOutNotes.add(("The model below (docs/scaling.md) takes from the run above, one gateway serving all at the"
                        + " highest rate: the second gateway's CPU with no traffic, %.1f%% of a core; %.1f µs per"
                        + " record over that; %.2f records and %,.0f bytes read per message")
                .formatted(
                        model.quietCores() * 100,
                        model.microsPerRecord(),
                        model.recordsPerMessage(),
                        model.bytesPerMessage()));
        for (ScalingModel.Cost cost : model.table()) {
            var deployment = cost.deployment();
            modelRows.add(new String[] {
                "%,d".formatted(deployment.sockets()),
                "%,d".formatted(deployment.gateways()),
                "%,.0f".formatted(deployment.messagesPerSecond()),
                cost.design(),
                "%.2f / %.2f".formatted(cost.meanCores(), cost.maxCores()),
                "%,.1f / %,.1f".formatted(cost.meanMegabytesPerSecond(), cost.maxMegabytesPerSecond()),
                "%,.1f cores, %,.0f MB/s".formatted(cost.totalCores(), cost.totalMegabytesPerSecond())
            });
        }
    }

    /** S6: what a topic costs the broker, for the design card's "a topic per conversation". */
    public void topicCost(TopicCost cost) {
        scaleOutNotes.add(
                ("A topic per conversation: %,d topics of one partition took the local mode's broker %.1f s to"
                                + " create (%.1f ms each, 100 a request), and each held %.1f more open files, %.1f memory maps,"
                                + " %.1f KB more resident memory and %.1f files on disk")
                        .formatted(
                                cost.created(),
                                cost.took().toMillis() / 1000.0,
                                cost.took().toMillis() / (double) cost.created(),
                                cost.openFiles(),
                                cost.memoryMaps(),
                                cost.rssBytes() / 1024,
                                cost.diskFiles()));
    }

    /** S2: one rate, the pipeline beside the baseline measured in the same run. */
    public void latency(String shape, ChatLoad.Result fiko, ChatLoad.Result baseline) {
        Histogram f = fiko.latencyMicros();
        Histogram b = baseline.latencyMicros();
        latencyRows.add(new String[] {
            shape,
            "%.0f".formatted(fiko.rate()),
            "%.0f".formatted(fiko.deliveriesPerSecond()),
            ms(f.getValueAtPercentile(50)),
            ms(f.getValueAtPercentile(99)),
            ms(f.getValueAtPercentile(99.9)),
            ms(f.getMaxValue()),
            fiko.lost() + " / " + fiko.duplicates() + " / " + fiko.reordered() + " / "
                    + fiko.resumes().recoveredMessages(),
            ms(b.getValueAtPercentile(50)) + " / " + ms(b.getValueAtPercentile(99)),
            ratio(f.getValueAtPercentile(99), b.getValueAtPercentile(99)),
            split(fiko.toStoredMicros()) + " · " + split(fiko.storedToSocketMicros()),
            ms(fiko.lagMicros().getValueAtPercentile(99)) + (fiko.generatorLimited() ? " (generator-limited)" : ""),
            fiko.cpuMicrosPerDelivery() < 0 ? "-" : "%.0f".formatted(fiko.cpuMicrosPerDelivery()),
            verdict(fiko)
        });
    }

    /** S2 with {@code --pg-stats}: PostgreSQL's statements by time over one rate's run. */
    public void statements(String label, ChatLoad.Result result, List<StatementStats.Row> rows) {
        if (rows.isEmpty() || result.sent() == 0) {
            return;
        }
        statementTables.append("#### ").append(label).append("\n\n");
        List<String[]> lines = new ArrayList<>();
        for (StatementStats.Row row : rows) {
            String text = row.statement().length() > 110 ? row.statement().substring(0, 110) + "…" : row.statement();
            lines.add(new String[] {
                "`" + text.replace("|", "\\|").replace("`", "'") + "`",
                "%,d".formatted(row.calls()),
                "%.2f".formatted(row.calls() / (double) result.sent()),
                "%,.0f".formatted(row.totalMillis()),
                "%.1f".formatted(row.totalMillis() * 1000 / Math.max(1, result.deliveries())),
                "%.1f".formatted(row.rows() / (double) Math.max(1, row.calls()))
            });
        }
        table(
                statementTables,
                new String[] {"Statement", "Calls", "Calls per message", "ms in all", "µs per delivery", "Rows per call"
                },
                lines);
    }

    /** S2: where the system under test spent its CPU over one rate's run. */
    public void cpu(String label, ChatLoad.Result result, CpuUse use) {
        if (use.jvmMicros() >= 0 && result.deliveries() > 0) {
            cpuColumns.add(new CpuColumn(label, use, result.deliveries()));
        }
    }

    private record CpuColumn(String label, CpuUse use, long deliveries) {

        String cell(long micros) {
            return "%.1f (%.0f%%)".formatted(micros / (double) deliveries, 100.0 * micros / use.totalMicros());
        }
    }

    /** One row per thread group that took at least 1% anywhere, the most first; then the totals. */
    private void cpuTable(StringBuilder out) {
        Map<String, Long> peak = new LinkedHashMap<>();
        for (CpuColumn column : cpuColumns) {
            column.use().threadMicros().forEach((group, micros) -> {
                if (micros * 100 >= column.use().totalMicros()) {
                    peak.merge(group, micros * 1000 / column.use().totalMicros(), Math::max);
                }
            });
        }
        List<String> groups = peak.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        List<String[]> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(cpuRow(group, column -> column.use().threadMicros().getOrDefault(group, 0L)));
        }
        rows.add(cpuRow(
                "other threads",
                column -> column.use().jvmMicros()
                        - groups.stream()
                                .mapToLong(group -> column.use().threadMicros().getOrDefault(group, 0L))
                                .sum()));
        rows.add(cpuRow(
                "**the JVM** (broker and services)", column -> column.use().jvmMicros()));
        rows.add(cpuRow(
                "**PostgreSQL** (server and backends)",
                column -> Math.max(0, column.use().postgresMicros())));
        rows.add(cpuRow("**the whole local mode**", column -> column.use().totalMicros()));
        String[] header = new String[cpuColumns.size() + 1];
        header[0] = "Thread (Linux's name, digits as #)";
        for (int i = 0; i < cpuColumns.size(); i++) {
            header[i + 1] = cpuColumns.get(i).label() + ": µs per delivery (share)";
        }
        table(out, header, rows);
    }

    private String[] cpuRow(String name, java.util.function.ToLongFunction<CpuColumn> micros) {
        String[] row = new String[cpuColumns.size() + 1];
        row[0] = name;
        for (int i = 0; i < cpuColumns.size(); i++) {
            row[i + 1] = cpuColumns.get(i).cell(micros.applyAsLong(cpuColumns.get(i)));
        }
        return row;
    }

    /** S3: the highest rate held by the pipeline and by the baseline, for one shape. */
    public void ceiling(Ceiling fiko, Ceiling baseline, String target) {
        ceilingRows.add(new String[] {
            fiko.shape(),
            held(fiko),
            fiko.result() == null ? "-" : ms(fiko.result().latencyMicros().getValueAtPercentile(99)),
            fiko.cpuMicrosPerDelivery() < 0 ? "-" : "%.0f".formatted(fiko.cpuMicrosPerDelivery()),
            held(baseline),
            baseline.cpuMicrosPerDelivery() < 0 ? "-" : "%.0f".formatted(baseline.cpuMicrosPerDelivery()),
            target,
            fiko.result() != null
                            && fiko.result().deliveriesPerSecond() >= Double.parseDouble(target.replaceAll("\\D", ""))
                    ? "met"
                    : "missed"
        });
    }

    /** S4: Telegram webhooks to the tenant's list sockets. */
    public void inbound(String when, InboundLoad.Result fiko, InboundLoad.Result baseline) {
        Histogram f = fiko.latencyMicros();
        boolean met = fiko.missing() == 0
                && fiko.duplicates() == 0
                && fiko.withoutUnreadCount() == 0
                && fiko.refused() == 0
                && f.getValueAtPercentile(99) <= 250_000;
        inboundRows.add(new String[] {
            when,
            "%.0f".formatted(fiko.rate()),
            ms(f.getValueAtPercentile(50)),
            ms(f.getValueAtPercentile(99)),
            ms(f.getValueAtPercentile(99.9)),
            fiko.missing() + " / " + fiko.duplicates(),
            Long.toString(fiko.withoutUnreadCount()),
            Long.toString(fiko.refused()),
            baseline == null
                    ? "-"
                    : ms(baseline.latencyMicros().getValueAtPercentile(50)) + " / "
                            + ms(baseline.latencyMicros().getValueAtPercentile(99)),
            ms(fiko.lagMicros().getValueAtPercentile(99)),
            met ? "met" : "missed"
        });
    }

    private static String held(Ceiling ceiling) {
        return ceiling.result() == null
                ? "below the first rate"
                : "%s%.0f (%.0f messages/s)"
                        .formatted(
                                ceiling.highestTried() ? "≥ " : "",
                                ceiling.result().deliveriesPerSecond(),
                                ceiling.rate());
    }

    public void startup(String what, Duration time) {
        startupRows.add(new String[] {what, "%.1f s".formatted(time.toMillis() / 1000.0)});
    }

    public void note(String note) {
        notes.add(note);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## Run of ")
                .append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append("\n\n")
                .append("- Command: `")
                .append(command)
                .append("`\n")
                .append("- Machine: ")
                .append(machine.describe())
                .append("\n\n");
        if (!connectionRows.isEmpty()) {
            out.append("### S1 connections: idle authenticated list sockets held by one server\n\n");
            table(
                    out,
                    new String[] {
                        "Server",
                        "Held",
                        "Failed",
                        "Handshakes/s (JWT verified)",
                        "Handshake p99 ms",
                        "Server CPU per socket opened",
                        "Heap per connection (after full GC)",
                        "RSS per connection",
                        "Target (50,000 held, ≤ 0.1% failed, ≤ 16 KB heap, ≥ 2,000 handshakes/s)"
                    },
                    connectionRows);
            bullets(out, connectionNotes);
        }
        if (!handshakeRows.isEmpty()) {
            out.append("### S1 handshakes: list sockets opened by a light client as fast as the server takes them\n\n");
            table(
                    out,
                    new String[] {
                        "Server",
                        "Opened",
                        "Handshakes/s (101, JWT verified)",
                        "Handshake p50 / p99 ms",
                        "With their list: count, rate",
                        "List p99 ms (from connecting)",
                        "CPU while opening: server / generator (share of the machine)",
                        "Server CPU per socket, its list included",
                        "Target (≥ 2,000 handshakes/s)"
                    },
                    handshakeRows);
        }
        if (!latencyRows.isEmpty()) {
            out.append(
                    "### S2 latency: send to arrival at the other sockets of the conversation, after persistence\n\n");
            table(
                    out,
                    new String[] {
                        "Shape",
                        "Messages/s",
                        "Deliveries/s",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "max ms",
                        "Missing after drain / dup / reordered / arrived only in recent_messages (counted, no latency)",
                        "Baseline p50 / p99 ms",
                        "p99 vs baseline",
                        "p50/p99 ms: send to stored · stored to sockets",
                        "Generator lag p99 ms",
                        "CPU µs per delivery (pipeline JVM)",
                        "Target (200 and 1,000/s: p50 ≤ 10, p99 ≤ 50, nothing lost)"
                    },
                    latencyRows);
        }
        if (!cpuColumns.isEmpty()) {
            out.append("### S2: where the CPU went, by thread, over each rate's run and drain\n\n");
            out.append("From `/proc`: kernel time included, PostgreSQL's processes beside the JVM. Shares are of the"
                    + " whole local mode's CPU.\n\n");
            cpuTable(out);
        }
        if (!statementTables.isEmpty()) {
            out.append("### S2: PostgreSQL's statements by time (`--pg-stats`), each rate's run and drain\n\n")
                    .append(statementTables);
        }
        if (!ceilingRows.isEmpty()) {
            out.append("### S3 fan-out ceiling: the most deliveries/s held with p99 ≤ 250 ms and nothing lost\n\n");
            table(
                    out,
                    new String[] {
                        "Shape",
                        "Fiko: deliveries/s held",
                        "p99 ms there",
                        "CPU µs per delivery (whole pipeline JVM)",
                        "Baseline: deliveries/s held",
                        "Baseline CPU µs per delivery",
                        "Target deliveries/s",
                        "Target"
                    },
                    ceilingRows);
        }
        if (!inboundRows.isEmpty()) {
            out.append("### S4 inbound: Telegram webhook to new_customer_message on ten agents' list sockets\n\n");
            table(
                    out,
                    new String[] {
                        "When",
                        "Updates/s",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "Missing after drain / dup",
                        "Without unread count",
                        "Webhook calls not answered 200",
                        "Baseline p50 / p99 ms",
                        "Generator lag p99 ms",
                        "Target (p99 ≤ 250 ms at 500/s)"
                    },
                    inboundRows);
        }
        if (!resumeRows.isEmpty()) {
            out.append("### S5 resume: sockets cut off under load come back with ?since=\n\n");
            table(
                    out,
                    new String[] {
                        "Disruption",
                        "Messages/s",
                        "Sockets resumed",
                        "Resumes not recovered",
                        "Messages recovered on resume",
                        "Catch-up p50 / p99 / max ms (reconnect, or the gateway ready, to recent_messages)",
                        "Completeness",
                        "Missing / dup / reordered",
                        "Live p50 / p99 ms",
                        "Target (100% complete, 0 duplicates, caught up ≤ 15 s)"
                    },
                    resumeRows);
        }
        if (!scaleOutRows.isEmpty() || !scaleOutNotes.isEmpty()) {
            out.append(
                    "### S6 scale-out: a second gateway on the same broker, serving none of the sockets or half\n\n");
            if (!scaleOutRows.isEmpty()) {
                table(
                        out,
                        new String[] {
                            "Sockets",
                            "Messages/s",
                            "Deliveries/s",
                            "p50 / p99 ms",
                            "Missing / dup / reordered",
                            "Local mode's JVM CPU per delivery",
                            "Second gateway read",
                            "Second gateway CPU"
                        },
                        scaleOutRows);
            }
            bullets(out, scaleOutNotes);
            if (!modelRows.isEmpty()) {
                table(
                        out,
                        new String[] {
                            "Sockets",
                            "Gateways",
                            "Messages/s",
                            "Design",
                            "Reading, per gateway: cores (mean / most)",
                            "MB/s (mean / most)",
                            "All gateways' reading"
                        },
                        modelRows);
            }
        }
        if (!startupRows.isEmpty()) {
            out.append("### Startup\n\n");
            table(out, new String[] {"What", "Time to ready"}, startupRows);
        }
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Notes under a table, one bullet each, and a blank line after them. */
    private static void bullets(StringBuilder out, List<String> notes) {
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        out.append('\n');
    }

    private static void table(StringBuilder out, String[] header, List<String[]> rows) {
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        out.append("---|".repeat(header.length)).append('\n');
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
    }

    private static String verdict(ChatLoad.Result result) {
        boolean clean = result.lost() == 0 && result.duplicates() == 0 && result.reordered() == 0;
        if (result.rate() != 200 && result.rate() != 1000) {
            if (clean) {
                return "all delivered";
            }
            return result.duplicates() == 0 && result.reordered() == 0
                    ? "behind: some still queued at the drain's end"
                    : "DUPLICATED/REORDERED";
        }
        boolean met = clean
                && result.latencyMicros().getValueAtPercentile(50) <= 10_000
                && result.latencyMicros().getValueAtPercentile(99) <= 50_000;
        return met ? "met" : "missed";
    }

    private static String split(Histogram histogram) {
        return histogram.getTotalCount() == 0
                ? "-"
                : ms(histogram.getValueAtPercentile(50)) + "/" + ms(histogram.getValueAtPercentile(99));
    }

    private static String ms(long micros) {
        return "%.1f".formatted(micros / 1000.0);
    }

    private static String ratio(long value, long baseline) {
        return baseline <= 0 ? "-" : "%.1f×".formatted((double) value / baseline);
    }
}
