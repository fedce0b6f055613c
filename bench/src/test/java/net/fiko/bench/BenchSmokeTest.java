package net.fiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import net.fiko.bench.load.ChatLoad;
import net.fiko.bench.report.Machine;
import net.fiko.bench.report.Report;
import net.fiko.bench.sut.BaselineTarget;
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
            assertThat(report.markdown())
                    .contains("| 3 × 3 | 60 | ")
                    .contains("0 / 0 / 0")
                    .contains("cores");
        }
    }
}
