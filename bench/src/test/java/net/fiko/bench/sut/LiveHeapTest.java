package net.fiko.bench.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveHeapTest {

    private static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         10000         800000  [B (java.base@17.0.15)
               2:          5000         120000  java.lang.String (java.base@17.0.15)
               3:           100           4800  org.example.Session
            Total         15100         924800
            """;

    private static final String AFTER = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         30000        2800000  [B (java.base@17.0.15)
               2:          7000         170000  java.lang.String (java.base@17.0.15)
               3:          1100          52800  org.example.Session
               4:          1000          16000  org.example.Fresh
            Total         39100        3038800
            """;

    @Test
    void shouldReadEachClassAndTheTotalOfAHistogram() {
        LiveHeap heap = LiveHeap.parse(BEFORE);

        assertThat(heap.totalBytes()).isEqualTo(924_800);
        assertThat(heap.bytesByClass())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("[B", 800_000L, "java.lang.String", 120_000L, "org.example.Session", 4_800L));
    }

    @Test
    void shouldRankTheClassesByHowMuchTheyGrew() {
        LiveHeap before = LiveHeap.parse(BEFORE);
        LiveHeap after = LiveHeap.parse(AFTER);

        assertThat(after.largestGrowth(before, 3))
                .containsExactly(
                        Map.entry("[B", 2_000_000L),
                        Map.entry("java.lang.String", 50_000L),
                        Map.entry("org.example.Session", 48_000L));
    }

    @Test
    void shouldRefuseOutputWithoutATotal() {
        assertThatThrownBy(() -> LiveHeap.parse("12345:\nAttach failed")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCountTheLiveHeapOfARunningJvm() throws Exception {
        LiveHeap heap = LiveHeap.of(ProcessHandle.current().pid());

        assertThat(heap.totalBytes()).isPositive();
        assertThat(heap.bytesByClass()).containsKey("java.lang.String");
    }
}
