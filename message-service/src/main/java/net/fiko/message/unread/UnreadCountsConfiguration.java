package net.fiko.message.unread;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import net.fiko.support.kafka.DeadLettersAutoConfiguration;
import net.fiko.support.kafka.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

/**
 * Runs the unread-count topology inside message-service (settings under {@code spring.kafka.streams}). A record of
 * the conversation stream that is no event goes to the stream's dead-letter topic, like any listener's, and the
 * counting goes on: the default would stop the stream thread on it, and every count with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class UnreadCountsConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer unreadCountTopology(
            KafkaTemplate<String, byte[]> kafka, ObjectProvider<MeterRegistry> meters) {
        ConsumerRecordRecoverer deadLetters =
                DeadLettersAutoConfiguration.deadLetterRecoverer(kafka, meters.getIfAvailable());
        return factory -> {
            Properties streams = factory.getStreamsConfiguration();
            streams.put(
                    StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    RecoveringDeserializationExceptionHandler.class);
            streams.put(
                    RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                    (ConsumerRecordRecoverer) (record, failure) -> deadLetters.accept(
                            keyedByText(record), new PoisonRecordException("Not an event: " + failure, failure)));
            factory.setStreamsConfiguration(streams);
            factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    UnreadCountTopology.build(builder);
                }
            });
        };
    }

    /**
     * {@code fiko.unread.streams.state}: 1 for the state the topology is in ({@code running}, {@code rebalancing},
     * {@code error}...), 0 for the others; {@code created} before Streams starts. Counts are served from the
     * database while it is not running; Kafka's own {@code kafka.stream.*} meters give the rest.
     */
    @Bean
    MeterBinder unreadStreamsState(StreamsBuilderFactoryBean streams) {
        return meters -> {
            for (KafkaStreams.State state : KafkaStreams.State.values()) {
                Gauge.builder("fiko.unread.streams.state", streams, factory -> state == stateOf(factory) ? 1 : 0)
                        .description("The unread-count topology's state: 1 for the current one")
                        .tag("state", state.name().toLowerCase(Locale.ROOT))
                        .register(meters);
            }
        };
    }

    private static KafkaStreams.State stateOf(StreamsBuilderFactoryBean factory) {
        KafkaStreams running = factory.getKafkaStreams();
        return running == null ? KafkaStreams.State.CREATED : running.state();
    }

    /** Streams hands over the record's raw bytes; the contract's keys are text. */
    private static ConsumerRecord<String, byte[]> keyedByText(ConsumerRecord<?, ?> record) {
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                record.serializedKeySize(),
                record.serializedValueSize(),
                record.key() instanceof byte[] key ? new String(key, StandardCharsets.UTF_8) : null,
                (byte[]) record.value(),
                record.headers(),
                Optional.empty());
    }
}
