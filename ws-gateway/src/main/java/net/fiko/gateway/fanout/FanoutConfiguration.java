package net.fiko.gateway.fanout;

import net.fiko.events.Topics;
import net.fiko.gateway.stream.InstanceStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** The fan-out's two streams, each read whole by every instance: the conversation events, and typing and presence. */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, byte[]> conversationFanoutContainer(
            InstanceStreams streams, ConversationFanout fanout) {
        return streams.container(Topics.CONVERSATION_EVENTS, fanout);
    }

    @Bean
    KafkaMessageListenerContainer<String, byte[]> ephemeralContainer(
            InstanceStreams streams, EphemeralFanout ephemeral) {
        return streams.container(Topics.EPHEMERAL, ephemeral);
    }
}
