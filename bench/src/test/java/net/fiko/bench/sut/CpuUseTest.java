package net.fiko.bench.sut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CPU accounting S2 reports, read on this JVM's own threads. */
class CpuUseTest {

    @Test
    void shouldCountABusyThreadUnderItsNameWithItsNumbersFolded() throws Exception {
        long pid = ProcessHandle.current().pid();
        CpuUse.Snapshot before = CpuUse.snapshot(pid, -1);
        Thread busy = new Thread(CpuUseTest::spinFor300Millis, "busy-bench-42");
        busy.start();
        busy.join();
        Thread idle = new Thread(() -> {}, "idle-bench-7");
        idle.start();
        idle.join();

        CpuUse use = before.until(CpuUse.snapshot(pid, -1));

        // The busy thread ended within the span: its time is the JVM's, counted under "(ended)".
        assertThat(use.jvmMicros()).isGreaterThanOrEqualTo(200_000);
        assertThat(use.threadMicros().getOrDefault("(ended)", 0L)).isGreaterThanOrEqualTo(200_000);
        assertThat(use.postgresMicros()).isEqualTo(-1);
        assertThat(use.totalMicros()).isEqualTo(use.jvmMicros());
    }

    @Test
    void shouldCountALiveThreadByItsGroup() throws Exception {
        long pid = ProcessHandle.current().pid();
        Thread busy = new Thread(
                () -> {
                    spinFor300Millis();
                    sleepQuietly();
                },
                "worker-12");
        busy.setDaemon(true);
        CpuUse.Snapshot before = CpuUse.snapshot(pid, -1);
        busy.start();
        TimeUnit.MILLISECONDS.sleep(600);

        CpuUse use = before.until(CpuUse.snapshot(pid, -1));

        assertThat(use.threadMicros().get("worker-#")).isBetween(200_000L, use.jvmMicros());
        assertThat(use.threadMicros().keySet().iterator().next()).isEqualTo("worker-#");
        busy.interrupt();
    }

    @Test
    void shouldTellTheJitCompilersShareOfTheJvmsTime() {
        CpuUse use = new CpuUse(
                200_000, 10_000, Map.of("C# CompilerThre", 40_000L, "C# CompilerThre#", 10_000L, "qtp#-#", 150_000L));

        assertThat(use.jitShare()).isEqualTo(0.25);
        assertThat(new CpuUse(-1, -1, Map.of()).jitShare()).isEqualTo(-1);
    }

    @Test
    void shouldFoldEveryRunOfDigits() {
        assertThat(CpuUse.group("qtp1234-56")).isEqualTo("qtp#-#");
        assertThat(CpuUse.group("C2 CompilerThre")).isEqualTo("C# CompilerThre");
    }

    private static void spinFor300Millis() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(System.nanoTime());
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
