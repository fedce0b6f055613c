package net.fiko.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.testsupport.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** On a real broker: a service starting creates the contract's topics, and its Kafka health reflects the broker. */
class ContractTopicsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KafkaAutoConfiguration.class, ContractTopicsAutoConfiguration.class))
            .withPropertyValues(
                    "spring.kafka.bootstrap-servers=" + TestServers.kafka().bootstrapServers(),
                    "fiko.kafka.partitions=2");

    @Test
    void shouldCreateEveryContractTopicWithItsCleanupPolicy() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
                Set<String> names = admin.listTopics().names().get();
                assertThat(names)
                        .containsAll(Topics.all().stream().map(Topic::name).collect(Collectors.toSet()));

                var unread = new ConfigResource(ConfigResource.Type.TOPIC, Topics.UNREAD_COUNTS.name());
                var events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONVERSATION_EVENTS.name());
                Map<ConfigResource, Config> configs = admin.describeConfigs(java.util.List.of(unread, events))
                        .all()
                        .get();
                assertThat(configs.get(unread).get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(configs.get(events).get("retention.ms").value())
                        .isEqualTo(Long.toString(
                                Topics.CONVERSATION_EVENTS.retention().toMillis()));
                assertThat(admin.describeTopics(java.util.List.of(Topics.GATEWAY_COMMANDS.name()))
                                .allTopicNames()
                                .get()
                                .get(Topics.GATEWAY_COMMANDS.name())
                                .partitions())
                        .hasSize(2);
            }
        });
    }

    @Test
    void shouldLeaveTheTopicsThatExistAsTheyAreWhenAServiceDeclaresMorePartitions() {
        runner.run(context -> assertThat(context).hasNotFailed());

        runner.withPropertyValues("fiko.kafka.partitions=6").run(context -> {
            assertThat(context).hasNotFailed();
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
                var topics = admin.describeTopics(
                                Topics.all().stream().map(Topic::name).toList())
                        .allTopicNames()
                        .get();
                topics.forEach(
                        (name, topic) -> assertThat(topic.partitions()).as(name).hasSize(2));
            }
        });
    }

    @Test
    void healthShouldBeUpWhileTheBrokerAnswersAndDownWhenNoneDoes() {
        runner.run(context -> {
            Health health = context.getBean(KafkaHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("brokers", 1);
        });
        runner.withPropertyValues(
                        "spring.kafka.bootstrap-servers=localhost:1",
                        "fiko.kafka.health-timeout-ms=500",
                        "spring.kafka.admin.fail-fast=false",
                        "spring.kafka.admin.auto-create=false")
                .run(context -> assertThat(context.getBean(KafkaHealthIndicator.class)
                                .health(true)
                                .getStatus())
                        .isEqualTo(Status.DOWN));
    }
}
