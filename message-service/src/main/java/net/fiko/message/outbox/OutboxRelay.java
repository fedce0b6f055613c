package net.fiko.message.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.message.system.MessageServiceProperties;
import net.fiko.support.observability.Traces;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka in the order it was written, then deletes what Kafka acknowledged (acks=all,
 * idempotent producer). One relay at a time across all instances (a PostgreSQL advisory lock), so events of a
 * conversation never overtake each other. Woken after every commit; polls as a fallback. A crash between Kafka's
 * acknowledgement and the delete publishes a batch again: delivery is at least once, and consumers drop a repeated
 * {@code event_id}.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x0F1C0_0B0CL;

    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final MessageServiceProperties.Outbox settings;
    private final Traces traces;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(
            KafkaTemplate<String, byte[]> kafka,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            MessageServiceProperties properties,
            Traces traces) {
        this.kafka = kafka;
        this.traces = traces;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.settings = properties.outbox();
    }

    void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(settings.sendTimeout().toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                Integer published = transactions.execute(status -> publishBatch());
                if (published == null || published < settings.batchSize()) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying: {}", e.toString());
                pause();
            }
        }
    }

    private int publishBatch() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, ADVISORY_LOCK_KEY);
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        // Plain statements: the relay runs after every commit, and JPA's entities and flushes were a tenth of the
        // service's CPU at 200 messages a second.
        List<Row> batch = jdbc.query(
                "SELECT id, topic, event_key, payload, trace_parent FROM outbox_events ORDER BY id LIMIT ?",
                (row, n) ->
                        new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)),
                settings.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(batch.size());
        for (Row event : batch) {
            // A span of the event's own trace around its send: the record's traceparent continues it.
            sends.add(traces.continueFrom("fiko.outbox.relay", event.traceParent(), () -> {
                log.debug("Relaying event {} to {} (key {})", event.id(), event.topic(), event.key());
                var record = new ProducerRecord<>(
                        event.topic(), event.key(), event.payload().getBytes(StandardCharsets.UTF_8));
                String traceParent = traces.current();
                if (traceParent != null) {
                    record.headers().add(Traces.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
                }
                return kafka.send(record);
            }));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the outbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        Long[] ids = batch.stream().map(Row::id).toArray(Long[]::new);
        jdbc.update(
                "DELETE FROM outbox_events WHERE id = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", ids)));
        return batch.size();
    }

    /** An outbox row as the relay publishes it. */
    private record Row(long id, String topic, String key, String payload, String traceParent) {}

    /** Waits out a failure; commits meanwhile do not cut the wait short. */
    private void pause() {
        LockSupport.parkNanos(settings.retryInterval().toNanos());
    }
}
