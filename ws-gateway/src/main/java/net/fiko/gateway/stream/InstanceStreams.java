package net.fiko.gateway.stream;

import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.Topic;
import net.fiko.gateway.config.GatewayProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * The streams every gateway instance reads whole: the conversation events, the answers to queries, typing and
 * presence, each wired by the configuration of the part that reads it ({@link #container}). Each instance is alone in
 * a consumer group of its own per topic, so it sees every record; it starts at the end and never commits offsets (the
 * groups are gone when the instance stops). A record it cannot read goes to the dead-letter topic like any listener's,
 * and the stream goes on. The instance is ready once every stream it reads has its partitions.
 */
@Component("fanoutHealthIndicator") // the readiness group's "fanout"
public class InstanceStreams implements HealthIndicator {

    private final ConsumerFactory<String, byte[]> consumers;
    private final GatewayProperties gateway;
    private final CommonErrorHandler errors;
    private final boolean observed;
    /** The partitions each stream read has now, by topic. */
    private final Map<String, Set<TopicPartition>> assigned = new ConcurrentHashMap<>();

    InstanceStreams(
            ConsumerFactory<String, byte[]> consumers,
            GatewayProperties gateway,
            CommonErrorHandler errors,
            @Value("${spring.kafka.listener.observation-enabled:false}") boolean observed) {
        this.observed = observed;
        this.consumers = consumers;
        this.gateway = gateway;
        this.errors = errors;
    }

    /** The container that reads {@code topic} whole for this instance into {@code listener}. */
    public KafkaMessageListenerContainer<String, byte[]> container(
            Topic<?> topic, MessageListener<String, byte[]> listener) {
        Set<TopicPartition> partitions = assigned.computeIfAbsent(topic.name(), t -> ConcurrentHashMap.newKeySet());
        var container = new ContainerProperties(topic.name());
        container.setGroupId("fiko-gateway-" + gateway.instanceId() + "-" + topic.name());
        container.setClientId("fiko-gateway-" + gateway.instanceId() + "-" + topic.name());
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener(listener);
        // Each record's handling a span of the trace it came with: the fan-out's log lines carry its trace id.
        container.setObservationEnabled(observed);
        Properties overrides = new Properties();
        overrides.put("auto.offset.reset", "latest");
        overrides.put("enable.auto.commit", "false");
        container.setKafkaConsumerProperties(overrides);
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> added) {
                partitions.addAll(added);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> removed) {
                partitions.removeAll(removed);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
                partitions.removeAll(lost);
            }
        });
        var listenerContainer = new KafkaMessageListenerContainer<>(consumers, container);
        listenerContainer.setCommonErrorHandler(errors);
        return listenerContainer;
    }

    /** Ready once every stream's partitions are assigned: before that, events for this instance's sockets are lost. */
    @Override
    public Health health() {
        boolean ready = !assigned.isEmpty() && assigned.values().stream().noneMatch(Set::isEmpty);
        Health.Builder health = ready ? Health.up() : Health.outOfService();
        assigned.forEach((topic, partitions) -> health.withDetail(topic, partitions.size()));
        return health.build();
    }
}
