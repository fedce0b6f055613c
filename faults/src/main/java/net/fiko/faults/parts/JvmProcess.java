package net.fiko.faults.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A part of the system under test in an operating-system process of its own, its output appended to a log file, so a
 * fault is what a deployment sees: {@link #kill()} is {@code kill -9}, {@link #stop()} is {@code SIGTERM}.
 */
public final class JvmProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private final int logStart;

    private JvmProcess(String name, Process process, Path log, int logStart) {
        this.logStart = logStart;
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <options> <launch...>} with the JVM running this suite. */
    public static JvmProcess java(
            String name, List<String> options, List<String> launch, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        int logStart = java.nio.file.Files.exists(log) ? (int) java.nio.file.Files.size(log) : 0;
        return new JvmProcess(name, builder.start(), log, logStart);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye to the broker or the database. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** {@code SIGTERM}: the graceful shutdown a deployment's restart does, {@code kill -9} after a minute. */
    public void stop() {
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(60))) {
            kill();
        }
    }

    /** Waits until the process has printed a line containing {@code text} since it started. */
    public void awaitOutput(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .indexOf(text, logStart)
                    >= 0) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended before it was ready; see " + log);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException(name + " did not print \"" + text + "\" in " + timeout + "; see " + log);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + log + ")";
    }
}
