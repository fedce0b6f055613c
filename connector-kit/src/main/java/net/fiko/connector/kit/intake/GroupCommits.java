package net.fiko.connector.kit.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a connector's {@link GroupCommit}s, with {@code fiko.webhooks.max-batch} updates at most in one transaction,
 * {@code fiko.webhooks.batches-in-flight} batches at once, and {@code fiko.webhooks.ack-timeout} to wait for Kafka; starts them before the web server takes webhooks and stops
 * them after it has answered the last, each committing what it has queued. Each one's meters are named in
 * {@link GroupCommit}.
 */
public final class GroupCommits implements SmartLifecycle {

    private static final int QUEUE_SIZE = 1024;

    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final Duration ackTimeout;
    private final int inFlight;
    private final MeterRegistry registry;
    private final List<GroupCommit<?, ?>> made = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    public GroupCommits(
            TransactionTemplate transactions, int maxBatch, int inFlight, Duration ackTimeout, MeterRegistry registry) {
        this.registry = registry;
        this.inFlight = inFlight;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.ackTimeout = ackTimeout;
    }

    /** A group commit whose batches {@code stage} runs; its threads are named after {@code name}. */
    public synchronized <T, R> GroupCommit<T, R> of(String name, BatchStage<T, R> stage) {
        var commit = new GroupCommit<>(name, stage, transactions, maxBatch, QUEUE_SIZE, inFlight, ackTimeout, registry);
        made.add(commit);
        if (running) {
            commit.start();
        }
        return commit;
    }

    @Override
    public synchronized void start() {
        made.forEach(GroupCommit::start);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        made.forEach(GroupCommit::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }
}
