package net.fiko.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One way every listener of every service handles a record it fails on (see {@link ListenerFailures}): a transient
 * failure is retried with pauses growing to 10 s, for as long as it lasts, so nothing accepted is lost while the
 * database or the broker is away; a record that can never be processed goes at once to its topic's dead-letter topic
 * ({@link Topic#deadLetterTopic()}), unchanged, with its headers and the reason, and the listener goes on with the next;
 * any other failure is retried five times first. Each dead letter is logged and counted
 * ({@code fiko.kafka.dead.letters}, by topic and kind). A pause never holds the consumer past
 * {@code max.poll.interval.ms}: the container seeks back and polls again between attempts.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class DeadLettersAutoConfiguration {

    /** The first pause before a failed record is tried again, doubling from there. */
    public static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    /** The longest pause between two tries of a failed record. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    /** How often a failure of unknown cause is retried before its record is dead-lettered. */
    public static final int UNKNOWN_FAILURE_RETRIES = 5;

    private static final Logger log = LoggerFactory.getLogger(DeadLettersAutoConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics fikoDeadLetterTopics(FikoKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.all().stream()
                .map(topic -> deadLetterTopic(topic, properties))
                .toArray(NewTopic[]::new));
    }

    static NewTopic deadLetterTopic(Topic<?> topic, FikoKafkaProperties properties) {
        return TopicBuilder.name(topic.deadLetterTopic())
                .partitions(properties.partitions() > 0 ? properties.partitions() : 3)
                .replicas(properties.replicationFactor())
                .config("cleanup.policy", "delete")
                .config("retention.ms", Long.toString(Topic.DEAD_LETTER_RETENTION.toMillis()))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler fikoListenerErrorHandler(
            KafkaTemplate<String, byte[]> kafka, ObjectProvider<MeterRegistry> meters) {
        return errorHandler(deadLetterRecoverer(kafka, meters.getIfAvailable()));
    }

    /** The recoverer that puts a record on its dead-letter topic, logs and counts it; for the listeners and Streams. */
    public static ConsumerRecordRecoverer deadLetterRecoverer(
            KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        var publisher = new DeadLetterPublishingRecoverer(
                kafka, (record, failure) -> new TopicPartition(Topic.deadLetterTopic(record.topic()), -1));
        // No stack trace: it adds kilobytes to each dead letter, enough to push a record near Kafka's 1 MB limit over
        // it, and a dead letter that cannot be sent is retried like its record, holding the partition back.
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        return (record, failure) -> {
            publisher.accept(record, failure);
            ListenerFailures.Kind kind = ListenerFailures.classify(failure);
            log.error(
                    "Dead-lettered {}-{}@{} (key {}) to {}, {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    Topic.deadLetterTopic(record.topic()),
                    kind == ListenerFailures.Kind.PERMANENT ? "it can never be processed" : "after retries",
                    rootMessage(failure),
                    failure);
            if (meters != null) {
                Counter.builder("fiko.kafka.dead.letters")
                        .description("Records a listener could not process, sent to their dead-letter topic")
                        .tag("topic", record.topic())
                        .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                        .register(meters)
                        .increment();
            }
        };
    }

    /** The error handler every listener uses, around a recoverer. */
    public static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer recoverer) {
        var handler = new DefaultErrorHandler(recoverer, unknownFailureBackOff());
        handler.setBackOffFunction(DeadLettersAutoConfiguration::backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        return handler;
    }

    private static BackOff backOff(ConsumerRecord<?, ?> record, Exception failure) {
        return switch (ListenerFailures.classify(failure)) {
            case PERMANENT -> new FixedBackOff(0, 0);
            case TRANSIENT -> {
                var backOff = new ExponentialBackOff(FIRST_PAUSE.toMillis(), 2.0);
                backOff.setMaxInterval(MAX_PAUSE.toMillis());
                yield backOff;
            }
            case UNKNOWN -> unknownFailureBackOff();
        };
    }

    private static BackOff unknownFailureBackOff() {
        var backOff = new ExponentialBackOffWithMaxRetries(UNKNOWN_FAILURE_RETRIES);
        backOff.setInitialInterval(FIRST_PAUSE.toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(MAX_PAUSE.toMillis());
        return backOff;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
