package net.fiko.gateway.fanout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.query.RepliesListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * The streams every gateway instance reads whole: the conversation events, the answers to queries, typing and
 * presence. Each instance
 * is alone in a consumer group of its own per topic, so it sees every record; it starts at the end and never
 * commits offsets (the groups are gone when the instance stops). A record it cannot read goes to the dead-letter topic
 * like any listener's, and the stream goes on.
 */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

    private static final List<Topic<?>> READ_WHOLE =
            List.of(Topics.CONVERSATION_EVENTS, Topics.GATEWAY_REPLIES, Topics.EPHEMERAL);

    private final Map<String, Set<TopicPartition>> assigned = new ConcurrentHashMap<>();

    @Bean
    KafkaMessageListenerContainer<String, byte[]> conversationFanoutContainer(
            ConsumerFactory<String, byte[]> consumers,
            ConversationFanout fanout,
            GatewayProperties gateway,
            CommonErrorHandler errors) {
        return instanceContainer(consumers, gateway, Topics.CONVERSATION_EVENTS, fanout, errors);
    }

    @Bean
    KafkaMessageListenerContainer<String, byte[]> repliesContainer(
            ConsumerFactory<String, byte[]> consumers,
            RepliesListener replies,
            GatewayProperties gateway,
            CommonErrorHandler errors) {
        return instanceContainer(consumers, gateway, Topics.GATEWAY_REPLIES, replies, errors);
    }

    @Bean
    KafkaMessageListenerContainer<String, byte[]> ephemeralContainer(
            ConsumerFactory<String, byte[]> consumers,
            EphemeralFanout ephemeral,
            GatewayProperties gateway,
            CommonErrorHandler errors) {
        return instanceContainer(consumers, gateway, Topics.EPHEMERAL, ephemeral, errors);
    }

    private KafkaMessageListenerContainer<String, byte[]> instanceContainer(
            ConsumerFactory<String, byte[]> consumers,
            GatewayProperties gateway,
            Topic<?> topic,
            MessageListener<String, byte[]> listener,
            CommonErrorHandler errors) {
        Set<TopicPartition> partitions = assigned.computeIfAbsent(topic.name(), t -> ConcurrentHashMap.newKeySet());
        var container = new ContainerProperties(topic.name());
        container.setGroupId("fiko-gateway-" + gateway.instanceId() + "-" + topic.name());
        container.setClientId("fiko-gateway-" + gateway.instanceId() + "-" + topic.name());
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener(listener);
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
    @Bean
    HealthIndicator fanoutHealthIndicator() {
        return () -> {
            boolean ready = READ_WHOLE.stream()
                    .allMatch(topic ->
                            !assigned.getOrDefault(topic.name(), Set.of()).isEmpty());
            Health.Builder health = ready ? Health.up() : Health.outOfService();
            READ_WHOLE.forEach(topic -> health.withDetail(
                    topic.name(), assigned.getOrDefault(topic.name(), Set.of()).size()));
            return health.build();
        };
    }
}
