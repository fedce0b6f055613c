package net.fiko.gateway.fanout;

import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.Topics;
import net.fiko.gateway.system.GatewayProperties;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The consumer of the conversation stream. Each instance is alone in a consumer group of its own, so it sees every
 * event; it starts at the stream's end and never commits offsets (the group is gone when the instance stops).
 */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Bean
    KafkaMessageListenerContainer<String, byte[]> conversationFanoutContainer(
            ConsumerFactory<String, byte[]> consumers, ConversationFanout fanout, GatewayProperties gateway) {
        var container = new ContainerProperties(Topics.CONVERSATION_EVENTS.name());
        container.setGroupId("fiko-gateway-" + gateway.instanceId());
        container.setClientId("fiko-gateway-" + gateway.instanceId() + "-fanout");
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener(fanout);
        Properties overrides = new Properties();
        overrides.put("auto.offset.reset", "latest");
        overrides.put("enable.auto.commit", "false");
        container.setKafkaConsumerProperties(overrides);
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                assigned.addAll(partitions);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                assigned.removeAll(partitions);
            }

            @Override
            public void onPartitionsLost(
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                assigned.removeAll(partitions);
            }
        });
        return new KafkaMessageListenerContainer<>(consumers, container);
    }

    /** Ready once the stream's partitions are assigned: before that, events for this instance's sockets are lost. */
    @Bean
    HealthIndicator fanoutHealthIndicator() {
        return () -> assigned.isEmpty()
                ? Health.outOfService().withDetail("partitions", 0).build()
                : Health.up().withDetail("partitions", assigned.size()).build();
    }
}
