package net.fiko.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.fiko.events.Agent;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recorder is the contract check of the integration tests: it must reject an event that breaks its schema. */
class TopicRecorderTest {

    @BeforeAll
    static void topic() throws Exception {
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.GATEWAY_COMMANDS.name(), 1, (short) 1)))
                    .all()
                    .toCompletionStage()
                    .exceptionally(e -> {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException(e);
                        }
                        return null;
                    })
                    .toCompletableFuture()
                    .get();
        }
    }

    @Test
    void shouldRecordEventsThatConformAndFailOnOneThatDoesNot() throws Exception {
        try (var recorder = new TopicRecorder<>(Topics.GATEWAY_COMMANDS);
                var producer = new KafkaProducer<>(
                        Map.<String, Object>of(
                                "bootstrap.servers", TestServers.kafka().bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            var valid = new MarkReadRequested("e-1", Instant.now(), "t", "c", new Agent("1", "Sara"));
            producer.send(new ProducerRecord<>(Topics.GATEWAY_COMMANDS.name(), "c", EventJson.toBytes(valid)))
                    .get();
            assertThat(recorder.awaitEvents(
                            MarkReadRequested.class, e -> e.eventId().equals("e-1"), 1))
                    .containsExactly(valid);

            String noTenant = "{\"type\":\"mark_read_requested\",\"event_id\":\"e-2\","
                    + "\"occurred_at\":\"2026-11-25T10:30:00Z\",\"conversation_id\":\"c\",\"agent\":{\"user_id\":\"1\"}}";
            producer.send(new ProducerRecord<>(
                            Topics.GATEWAY_COMMANDS.name(), "c", noTenant.getBytes(StandardCharsets.UTF_8)))
                    .get();
            await().untilAsserted(() -> assertThatThrownBy(recorder::events)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("breaks its schema")
                    .hasMessageContaining("tenant_id"));
        }
    }
}
