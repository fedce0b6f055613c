package net.fiko.connector.kit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.fiko.connector.kit.delivery.DeliveryProperties;
import net.fiko.connector.kit.delivery.OutboundDelivery;
import net.fiko.connector.kit.delivery.ReplySender;
import net.fiko.connector.kit.delivery.SendLedger;
import net.fiko.connector.kit.intake.GroupCommits;
import net.fiko.connector.kit.media.FileSystemMediaStore;
import net.fiko.connector.kit.media.MediaLinks;
import net.fiko.connector.kit.media.MediaProperties;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.connector.kit.media.MediaSweep;
import net.fiko.connector.kit.media.S3Clients;
import net.fiko.connector.kit.media.S3MediaStore;
import net.fiko.connector.kit.media.UploadEndpoints;
import net.fiko.connector.kit.media.Uploads;
import net.fiko.connector.kit.retention.DedupeRetention;
import net.fiko.connector.kit.retention.RetainedKeys;
import net.fiko.connector.kit.typing.TypingRelay;
import net.fiko.connector.kit.typing.TypingSender;
import net.fiko.support.kafka.DeadLettersAutoConfiguration;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.observability.Traces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What a connector gets from the kit once its platform supplies the parts: from a {@link ReplySender}, the delivery of
 * its outbound topic (consumer group {@code <spring.kafka.consumer.group-id>.outbound}) with the send ledger; from a
 * {@link TypingSender}, the typing relay (group {@code ….typing}); from {@link RetainedKeys}, their hourly cleanup; with a
 * database, the webhooks' {@link GroupCommits}.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            DeadLettersAutoConfiguration.class
        })
@EnableConfigurationProperties({DeliveryProperties.class, MediaProperties.class})
public class ConnectorKitAutoConfiguration {

    /**
     * The webhooks' group commit: at most {@code fiko.webhooks.max-batch} updates (200) in one transaction, {@code
     * fiko.webhooks.batches-in-flight} (2) transactions at once, each waiting up to {@code fiko.webhooks.ack-timeout}
     * (10 s, the producers' delivery timeout) for Kafka.
     */
    @Bean
    @ConditionalOnBean(TransactionTemplate.class)
    GroupCommits groupCommits(
            TransactionTemplate transactions,
            @Value("${fiko.webhooks.max-batch:200}") int maxBatch,
            @Value("${fiko.webhooks.batches-in-flight:2}") int inFlight,
            @Value("${fiko.webhooks.ack-timeout:10s}") Duration ackTimeout,
            ObjectProvider<MeterRegistry> meters) {
        return new GroupCommits(
                transactions, maxBatch, inFlight, ackTimeout, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    SendLedger sendLedger(JdbcTemplate jdbc) {
        return new SendLedger(jdbc);
    }

    @Bean
    @ConditionalOnBean(TypingSender.class)
    <T> TypingRelay<T> typingRelay(TypingSender<T> sender, Clock clock) {
        return new TypingRelay<>(sender, clock);
    }

    /** The send ledger's rows, kept {@code fiko.delivery.ledger-retention}. */
    @Bean
    @ConditionalOnBean(ReplySender.class)
    RetainedKeys sentMessages(DeliveryProperties properties) {
        return RetainedKeys.sentMessages(properties.ledgerRetention());
    }

    @Bean
    @ConditionalOnBean(RetainedKeys.class)
    DedupeRetention dedupeRetention(JdbcTemplate jdbc, Clock clock, List<RetainedKeys> keys) {
        return new DedupeRetention(jdbc, clock, keys);
    }

    @Bean
    @ConditionalOnBean(ReplySender.class)
    @SuppressWarnings("unchecked")
    <T> OutboundDelivery<T> outboundDelivery(
            ReplySender<T> sender,
            SendLedger ledger,
            MediaStore media,
            EventPublisher events,
            Clock clock,
            DeliveryProperties properties,
            ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            KafkaTemplate<String, byte[]> kafka,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Traces> traces,
            @Value("${spring.kafka.consumer.group-id}") String groupId) {
        var container = (ConcurrentMessageListenerContainer<String, byte[]>) (ConcurrentMessageListenerContainer<?, ?>)
                factory.createContainer(sender.topic().name());
        container.getContainerProperties().setGroupId(groupId + ".outbound");
        ConsumerRecordRecoverer deadLetters =
                DeadLettersAutoConfiguration.deadLetterRecoverer(kafka, meters.getIfAvailable());
        return new OutboundDelivery<>(
                sender,
                ledger,
                media,
                events,
                clock,
                properties,
                container,
                deadLetters,
                DeadLettersAutoConfiguration.errorHandler(deadLetters),
                meters.getIfAvailable(SimpleMeterRegistry::new),
                traces.getIfAvailable(Traces::none));
    }

    /**
     * The filesystem store, or with {@code fiko.media.store=s3} the S3-compatible one (production), unless a connector
     * declares another; only in a
     * connector (one with a {@link ReplySender}), not in every application that has the kit on its classpath.
     */
    @Bean
    @ConditionalOnBean(ReplySender.class)
    @ConditionalOnMissingBean(MediaStore.class)
    MediaStore mediaStore(MediaProperties properties, Clock clock) {
        if ("s3".equals(properties.store())) {
            return new S3MediaStore(
                    S3Clients.of(properties.s3()),
                    properties.s3().bucket(),
                    properties.s3().prefix(),
                    properties.retention(),
                    properties.maxTotalSize().toBytes(),
                    clock);
        }
        return new FileSystemMediaStore(
                properties.directory(),
                properties.retention(),
                properties.maxTotalSize().toBytes(),
                clock);
    }

    /** Agents' files, taken in to be sent through the connector's platform ({@link UploadEndpoints}). */
    @Bean
    @ConditionalOnBean(ReplySender.class)
    RouterFunction<ServerResponse> mediaUploads(ReplySender<?> sender, MediaStore store, MediaProperties properties) {
        return UploadEndpoints.of(
                sender.platform().wireName(),
                new Uploads(store, properties.maxFileSize().toBytes()));
    }

    /** Links a platform fetches agents' files from, and their endpoint. */
    @Bean
    @ConditionalOnBean(ReplySender.class)
    MediaLinks mediaLinks(MediaStore store, MediaProperties properties, Clock clock) {
        return new MediaLinks(store, properties.linkSecret(), properties.linkValidity(), clock);
    }

    @Bean
    @ConditionalOnBean(ReplySender.class)
    RouterFunction<ServerResponse> mediaLinkEndpoint(ReplySender<?> sender, MediaLinks links) {
        return links.endpoint(sender.platform().wireName());
    }

    @Bean
    @ConditionalOnBean(MediaStore.class)
    MediaSweep mediaSweep(MediaStore store, MediaProperties properties, Clock clock) {
        return new MediaSweep(store, properties.sweepInterval(), clock);
    }
}
