package net.fiko.support.kafka;

import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.support.observability.Traces;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Every service declares every topic of the contract, so the system starts in any order and a fresh cluster gets
 * the topics with their partitions, retention and compaction. Declaring an existing topic changes nothing: not even
 * its partitions, which Spring's {@link KafkaAdmin} would otherwise raise to the declared count, moving keys to other
 * partitions (a conversation's events out of order) and breaking the co-partitioning Kafka Streams relies on, just
 * because one service started with another {@code fiko.kafka.partitions}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(FikoKafkaProperties.class)
public class ContractTopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics fikoContractTopics(FikoKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                Topics.all().stream().map(topic -> newTopic(topic, properties)).toArray(NewTopic[]::new));
    }

    /** Lets {@link KafkaAdmin} create the topics that are missing, and touch no other. */
    @Bean
    MissingTopicsOnly fikoMissingTopicsOnly(KafkaAdmin kafkaAdmin) {
        MissingTopicsOnly missingOnly = new MissingTopicsOnly(kafkaAdmin.getConfigurationProperties());
        kafkaAdmin.setCreateOrModifyTopic(missingOnly);
        return missingOnly;
    }

    static NewTopic newTopic(Topic<?> topic, FikoKafkaProperties properties) {
        int partitions = properties.partitions() > 0 ? properties.partitions() : topic.partitions();
        return TopicBuilder.name(topic.name())
                .partitions(partitions)
                .replicas(properties.replicationFactor())
                .configs(topic.configs())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, ObjectProvider<Traces> traces) {
        return new EventPublisher(kafka, traces.getIfAvailable(Traces::none));
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, FikoKafkaProperties properties) {
        return new KafkaHealthIndicator(
                Admin.create(kafkaAdmin.getConfigurationProperties()), properties.healthTimeoutMs());
    }
}
