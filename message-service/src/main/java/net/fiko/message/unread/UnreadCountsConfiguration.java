package net.fiko.message.unread;

import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/** Runs the unread-count topology inside message-service (settings under {@code spring.kafka.streams}). */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class UnreadCountsConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer unreadCountTopology() {
        return factory -> factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                UnreadCountTopology.build(builder);
            }
        });
    }
}
