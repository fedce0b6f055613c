package net.fiko.bench.sut;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM the benchmark starts for the system under test, so the load generator's own work never counts against it.
 * Its output goes to a log file; {@link #awaitLine} waits for the line that says it is ready.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile long readyNanos;
    private final List<String> untilReady = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
    }

    static ChildProcess start(List<String> command, Map<String, String> environment, Path log, Predicate<String> ready)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        ChildProcess child = new ChildProcess(builder.start());
        Thread reader = new Thread(() -> child.copyOutput(log, ready), "bench-child-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void copyOutput(Path log, Predicate<String> isReady) {
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (!ready.isDone()) {
                    untilReady.add(line);
                }
                if (!ready.isDone() && isReady.test(line)) {
                    readyNanos = System.nanoTime();
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("The process ended before it was ready"));
    }

    /** Waits for the ready line; returns it. */
    String awaitReady(Duration timeout) throws Exception {
        return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the process printed up to its ready line. */
    List<String> outputUntilReady() {
        return List.copyOf(untilReady);
    }

    /** From start to the ready line. */
    Duration startup() {
        return Duration.ofNanos(readyNanos - startedNanos);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
