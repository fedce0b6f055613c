package net.fiko.gateway.query;

import net.fiko.events.Topics;
import net.fiko.gateway.stream.InstanceStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** The answers to this instance's list and history queries, read whole by every instance, each keeping its own. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, byte[]> repliesContainer(InstanceStreams streams, RepliesListener replies) {
        return streams.container(Topics.GATEWAY_REPLIES, replies);
    }
}
