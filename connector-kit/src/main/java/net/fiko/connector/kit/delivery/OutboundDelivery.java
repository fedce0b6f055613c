package net.fiko.connector.kit.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.observability.Traces;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Reads a platform's outbound commands and hands each reply to the {@link DeliveryEngine}: the listener never waits,
 * so the consumer polls on however slow the platform is. A record's offset is committed once it and every record
 * before it in its partition are finished ({@link PartitionProgress}); over {@code fiko.delivery.max-in-flight} in
 * hand pause the topic until half are done; a record that is no command is dead-lettered. When partitions move,
 * their replies are dropped here, after the platform calls under way finish ({@code fiko.delivery.hand-over-wait}):
 * the new owner takes them from the last committed offset and finds what was sent in the ledger.
 */
public final class OutboundDelivery<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final DeliveryEngine<T> engine;
    private final ReplySender<T> sender;
    private final ConcurrentMessageListenerContainer<String, byte[]> container;
    private final ScheduledThreadPoolExecutor workers;
    private final ConsumerRecordRecoverer deadLetters;
    private final DeliveryProperties properties;
    private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean pausedForBacklog;

    public OutboundDelivery(
            ReplySender<T> sender,
            SendLedger ledger,
            MediaStore media,
            EventPublisher events,
            Clock clock,
            DeliveryProperties properties,
            ConcurrentMessageListenerContainer<String, byte[]> container,
            ConsumerRecordRecoverer deadLetters,
            DefaultErrorHandler errorHandler,
            MeterRegistry meters,
            Traces traces) {
        this.properties = properties;
        this.deadLetters = deadLetters;
        this.sender = sender;
        String name = sender.platform().name().toLowerCase(Locale.ROOT) + "-outbound";
        this.workers = new ScheduledThreadPoolExecutor(properties.workers(), new CustomizableThreadFactory(name + "-"));
        this.workers.setRemoveOnCancelPolicy(true);
        this.workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.engine = new DeliveryEngine<>(sender, ledger, media, events, clock, properties, workers, meters, traces);
        this.container = container;
        ContainerProperties containerProperties = container.getContainerProperties();
        containerProperties.setAckMode(ContainerProperties.AckMode.MANUAL);
        containerProperties.setAsyncAcks(false);
        // A member that rejoins (its coordinator restarted, another instance came or went) keeps the partitions it is
        // given again, with their replies in hand: only the partitions that move are handed over.
        containerProperties
                .getKafkaConsumerProperties()
                .setProperty(
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        containerProperties.setMessageListener((AcknowledgingMessageListener<String, byte[]>) this::onRecord);
        containerProperties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
                handOver(revoked);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
                handOver(lost);
            }
        });
        // A recovered record is not committed by the error handler: the records before it may still be in hand.
        errorHandler.setAckAfterHandle(false);
        container.setCommonErrorHandler(errorHandler);
        container.setBeanName(name);
        containerProperties.setShutdownTimeout(properties.handOverWait().toMillis() + 5000);
    }

    void onRecord(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress progress = partitions.computeIfAbsent(partition, p -> new PartitionProgress());
        if (progress.seen(record.offset())) {
            return; // redelivered after a failure further on in its poll
        }
        OutboundCommand command = null;
        try {
            command = EventRecords.read(record, OutboundCommand.class);
        } catch (RuntimeException unreadable) {
            deadLetters.accept(record, unreadable); // a failure here leaves the record to the error handler
        }
        if (command instanceof CustomerDataErasureRequested erasure) {
            sender.forget(erasure); // before the offset is taken: a failure leaves the record to be retried
        }
        PartitionProgress.Entry entry = progress.take(record.offset(), acknowledgment);
        if (entry == null) {
            return;
        }
        inFlight.incrementAndGet();
        Runnable finished = () -> {
            progress.done(entry);
            released();
        };
        if (command instanceof ReplyRequested reply) {
            engine.submit(new Job<>(reply, partition, finished, Traces.of(record)));
            holdIfBacklogged();
        } else {
            finished.run();
        }
    }

    private void handOver(Collection<TopicPartition> revoked) {
        Set<TopicPartition> gone = new HashSet<>(revoked);
        for (TopicPartition partition : gone) {
            PartitionProgress progress = partitions.remove(partition);
            if (progress != null) {
                progress.revoke();
            }
        }
        int dropped = engine.cancel(gone, properties.handOverWait());
        if (dropped > 0) {
            log.info("Handed over {} replies of {} not sent yet", dropped, gone);
        }
    }

    private synchronized void holdIfBacklogged() {
        if (!pausedForBacklog && inFlight.get() >= properties.maxInFlight()) {
            pausedForBacklog = true;
            container.pause();
            log.info("{} replies in hand: reading paused until half are done", inFlight.get());
        }
    }

    private void released() {
        if (inFlight.decrementAndGet() <= properties.maxInFlight() / 2) {
            synchronized (this) {
                if (pausedForBacklog) {
                    pausedForBacklog = false;
                    container.resume();
                }
            }
        }
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public int getPhase() {
        return container.getPhase();
    }
}
