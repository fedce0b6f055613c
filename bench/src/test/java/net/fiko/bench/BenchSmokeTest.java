package net.fiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.load.Handshakes;
import net.fiko.bench.load.IdleConnections;
import net.fiko.bench.report.HandshakeRate;
import net.fiko.bench.report.Machine;
import net.fiko.bench.report.Report;
import net.fiko.bench.sut.BaselineTarget;
import net.fiko.bench.sut.CpuUse;
import net.fiko.bench.sut.StatementStats;
import org.junit.jupiter.api.Test;

/**
 * A few seconds of the benchmark's load against the baseline server, so the generator, its bookkeeping and the
 * report keep working; the real runs are {@code ./fiko-bench}'s, never part of the build.
 */
class BenchSmokeTest {

    @Test
    void shouldDeliverEveryMessageToTheOtherSocketsOfItsConversationAndReportIt() throws Exception {
        try (BaselineTarget target = BaselineTarget.inProcess();
                ChatLoad load = new ChatLoad(3, 3)) {
            load.connect(target);

            ChatLoad.Result result = load.run(60, Duration.ofSeconds(2), Duration.ofSeconds(10));

            assertThat(result.sent()).isEqualTo(120);
            assertThat(result.expectedDeliveries()).isEqualTo(240);
            assertThat(result.deliveries()).isEqualTo(240);
            assertThat(result.lost()).isZero();
            assertThat(result.duplicates()).isZero();
            assertThat(result.reordered()).isZero();
            assertThat(result.latencyMicros().getTotalCount()).isEqualTo(240);
            assertThat(result.latencyMicros().getMaxValue()).isPositive();

            Report report = new Report("./fiko-bench --smoke", Machine.current(), ZonedDateTime.now());
            report.latency("3 × 3", result, result);
            report.statements(
                    "3 × 3, 60/s",
                    result,
                    List.of(
                            new StatementStats.Row("COMMIT", 240, 48.0, 0),
                            new StatementStats.Row("SELECT a | b", 120, 6, 360)));
            report.cpu("3 × 3, 60/s", result, new CpuUse(240_000, 120_000, Map.of("qtp#-#", 180_000L, "GC", 1_000L)));
            assertThat(report.markdown())
                    .contains("| 3 × 3 | 60 | ")
                    .contains("| 0 / 0 / 0 / 0 |")
                    .contains("cores")
                    // 180 ms over 240 deliveries: 750 µs each, half the JVM's and PostgreSQL's 360 ms.
                    .contains("| qtp#-# | 750.0 (50%) |")
                    .contains("| other threads | 250.0 (17%) |")
                    .contains("| **PostgreSQL** (server and backends) | 500.0 (33%) |")
                    .contains("| **the whole local mode** | 1500.0 (100%) |")
                    .doesNotContain("| GC |")
                    // 240 commits for 120 messages; 48 ms over 240 deliveries: 200 µs each.
                    .contains("| `COMMIT` | 240 | 2.00 | 48 | 200.0 | 0.0 |")
                    .contains("| `SELECT a \\| b` | 120 | 1.00 | 6 | 25.0 | 3.0 |");
        }
    }

    @Test
    void shouldOpenAndHoldIdleSocketsAndTimeEachHandshake() throws Exception {
        try (BaselineTarget target = BaselineTarget.inProcess();
                IdleConnections idle = new IdleConnections()) {
            List<URI> addresses = IntStream.range(0, 40)
                    .mapToObj(i -> target.listSocket("idle-" + i))
                    .toList();

            IdleConnections.Opened opened = idle.open(addresses, 8);

            assertThat(opened.attempted()).isEqualTo(40);
            assertThat(opened.opened()).isEqualTo(40);
            assertThat(opened.failed()).isZero();
            assertThat(opened.handshakeMicros().getTotalCount()).isEqualTo(40);
            assertThat(opened.handshakesPerSecond()).isPositive();
            assertThat(idle.stillOpen()).isEqualTo(40);
            assertThat(idle.closeCodes()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> idle.listsReceived() == 40);
        }
    }

    @Test
    void shouldOpenSocketsWithTheLightClientAndSeeEachOnesListFirst() throws Exception {
        try (BaselineTarget target = BaselineTarget.inProcess();
                Handshakes handshakes = new Handshakes()) {
            List<URI> addresses = IntStream.range(0, 60)
                    .mapToObj(i -> target.listSocket("burst-" + i))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            // A socket the server refuses to upgrade (no such path) fails, and only it.
            addresses.add(URI.create(addresses.get(0).toString().replace("/ws/conversations/", "/no-such-path/")));

            handshakes.open(addresses, 8);
            Handshakes.Burst burst = handshakes.awaitLists(Duration.ofSeconds(10));

            assertThat(burst.attempted()).isEqualTo(61);
            assertThat(burst.upgraded()).isEqualTo(60);
            assertThat(burst.failed()).isEqualTo(1);
            assertThat(burst.failures()).singleElement().asString().contains("answered HTTP/1.1 404");
            assertThat(burst.listed()).isEqualTo(60);
            assertThat(burst.upgradeMicros().getTotalCount()).isEqualTo(60);
            assertThat(burst.listMicros().getTotalCount()).isEqualTo(60);
            assertThat(burst.handshakesPerSecond()).isPositive();
            assertThat(burst.listsPerSecond()).isPositive();

            Report report = new Report("./fiko-bench --smoke", Machine.current(), ZonedDateTime.now());
            report.handshakes("Fiko gateway", new HandshakeRate(burst, 900, 0.85, 0.1));
            assertThat(report.markdown())
                    .contains("### S1 handshakes")
                    .contains("| Fiko gateway | 60 of 61 (1 failed) |")
                    .contains("| 900 µs | ")
                    .contains("| 85% / 10% |");
        }
    }
}
