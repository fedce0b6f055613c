package net.fiko.connector.kit.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in the platforms' updates in batches that load makes (a group commit): the webhooks that arrive while a batch
 * waits for Kafka and the disk form the next, run in one database transaction that commits once Kafka has acknowledged
 * every message the batch sent. An update's record (its platform id, kept to skip redeliveries) still commits only
 * after Kafka has the update, but a batch pays one commit and one Kafka round trip however many webhooks it holds, and
 * holds one database connection while Kafka is slow or down, so the replies the connector delivers keep theirs.
 *
 * <p>A batch Kafka refuses or does not answer within {@code ackTimeout} is rolled back whole and every caller told so
 * (the platform sends each update again; what Kafka did take is published again with the same {@code event_id}, which
 * consumers drop). A batch whose statements fail is rolled back and its updates taken one at a time, so a bad update
 * fails alone.
 */
public final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final IntakeMeters meters;
    private final BatchStage<T, R> stage;
    private final TransactionTemplate transactions;
    private final BlockingQueue<PendingUpdate<T, R>> queue;
    private final int maxBatch;
    private final Duration ackTimeout;
    private final int inFlight;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param maxBatch the most updates in one transaction
     * @param queueSize the most updates waiting for a batch; past it a caller is told at once to come back later
     * @param inFlight how many batches at once, each on its own thread and connection: the next is written and sent
     *     while the one before waits for Kafka
     * @param ackTimeout how long a batch waits for Kafka's acknowledgements
     */
    public GroupCommit(
            String name,
            BatchStage<T, R> stage,
            TransactionTemplate transactions,
            int maxBatch,
            int queueSize,
            int inFlight,
            Duration ackTimeout,
            MeterRegistry registry) {
        this.name = name;
        this.meters = IntakeMeters.of(name, registry, this);
        this.stage = stage;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.inFlight = inFlight;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Takes {@code update} in the next batch and waits for it: what became of it once the batch has committed; empty
     * when Kafka did not take the batch, the database could not commit it, or too many updates were waiting (the
     * platform should send the update again). An exception its statements threw, alone in their transaction, is thrown
     * here.
     */
    public Optional<R> take(T update) {
        var pending = new PendingUpdate<T, R>(update);
        if (!running || !queue.offer(pending)) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            return pending.outcome().get(ackTimeout.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (TimeoutException e) {
            // Still in a batch: if it commits, the platform's redelivery is skipped as one already published.
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            meters.taken().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** How many updates wait for the next batch. */
    public int waiting() {
        return queue.size();
    }

    private void work() {
        List<PendingUpdate<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                PendingUpdate<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commitTogether(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("A batch of {} {} failed unexpectedly", batch.size(), name, e);
                batch.forEach(pending -> pending.outcome().complete(Optional.empty()));
            } finally {
                batch.clear();
            }
        }
        for (PendingUpdate<T, R> late; (late = queue.poll()) != null; ) {
            late.outcome().complete(Optional.empty());
        }
    }

    private void commitTogether(List<PendingUpdate<T, R>> batch) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<R> outcomes;
        long start = System.nanoTime();
        meters.updates().record(batch.size());
        try {
            outcomes = transactions.execute(status -> {
                List<R> staged =
                        stage.stage(batch.stream().map(PendingUpdate::update).toList(), sends::add);
                if (staged.size() != batch.size()) {
                    throw new IllegalStateException(staged.size() + " outcomes for " + batch.size() + " updates");
                }
                if (!acknowledged(sends, batch.size())) {
                    status.setRollbackOnly();
                    return null;
                }
                return staged;
            });
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                batch.forEach(pending -> commitTogether(List.of(pending)));
            } else {
                batch.get(0).outcome().completeExceptionally(e);
            }
            return;
        }
        meters.batches().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes == null ? Optional.empty() : Optional.of(outcomes.get(i)));
        }
    }

    private boolean acknowledged(List<CompletableFuture<?>> sends, int updates) {
        long start = System.nanoTime();
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Kafka did not take a batch of {} {}: {}", updates, name, e.toString());
            return false;
        } finally {
            meters.acks().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    synchronized void start() {
        running = true;
        for (int i = 0; i < inFlight; i++) {
            Thread thread = new Thread(this::work, "group-commit-" + name + "-" + i);
            workers.add(thread);
            thread.start();
        }
    }

    /** Stops taking updates; those already queued are committed first. */
    synchronized void stop() {
        running = false;
        for (Thread thread : workers) {
            try {
                thread.join(ackTimeout.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }
}
