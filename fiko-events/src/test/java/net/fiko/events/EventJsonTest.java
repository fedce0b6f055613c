package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.conversation.ConversationEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void shouldWriteSnakeCaseFieldsIsoInstantsAndTheTypeDiscriminator() {
        var event = new MarkReadRequested(
                "e-1", Instant.parse("2026-11-25T10:30:00Z"), "t-1", "c-1", new Agent("42", "Sara"));

        assertThat(EventJson.toJson(event))
                .isEqualTo("{\"type\":\"mark_read_requested\",\"event_id\":\"e-1\","
                        + "\"occurred_at\":\"2026-11-25T10:30:00Z\",\"tenant_id\":\"t-1\",\"conversation_id\":\"c-1\","
                        + "\"agent\":{\"user_id\":\"42\",\"username\":\"Sara\"}}");
    }

    @Test
    void shouldReadAnUnknownEventTypeAsNullSoOlderConsumersSkipIt() {
        String future =
                "{\"type\":\"conversation_archived\",\"event_id\":\"e\",\"occurred_at\":\"2026-11-25T10:30:00Z\","
                        + "\"tenant_id\":\"t\",\"conversation_id\":\"c\"}";

        assertThat(EventJson.fromJson(future, ConversationEvent.class)).isNull();
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerVersion() {
        String newer = "{\"type\":\"mark_read_requested\",\"event_id\":\"e\",\"occurred_at\":\"2026-11-25T10:30:00Z\","
                + "\"tenant_id\":\"t\",\"conversation_id\":\"c\",\"agent\":{\"user_id\":\"1\"},\"device\":\"web\"}";

        assertThat(EventJson.fromJson(newer, GatewayCommand.class))
                .isEqualTo(new MarkReadRequested(
                        "e", Instant.parse("2026-11-25T10:30:00Z"), "t", "c", new Agent("1", null)));
    }

    @Test
    void serdeShouldRejectMalformedBytesWithASerializationException() {
        var serde = EventSerde.of(Topics.GATEWAY_COMMANDS);

        assertThatThrownBy(() -> serde.deserialize("fiko.gateway.commands", "{not json".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("fiko.gateway.commands");
    }

    @Test
    void conversationIdShouldDependOnTenantPlatformChannelAndCustomer() {
        String id = ConversationIds.forCustomer("t-1", Platform.TELEGRAM, "bot-1", "987654321");

        assertThat(ConversationIds.forCustomer("t-1", Platform.TELEGRAM, "bot-1", "987654321"))
                .isEqualTo(id);
        assertThat(ConversationIds.forCustomer("t-2", Platform.TELEGRAM, "bot-1", "987654321"))
                .isNotEqualTo(id);
        assertThat(ConversationIds.forCustomer("t-1", Platform.INSTAGRAM, "bot-1", "987654321"))
                .isNotEqualTo(id);
        assertThat(ConversationIds.forCustomer("t-1", Platform.TELEGRAM, "bot-2", "987654321"))
                .as("the same customer on another of the tenant's bots")
                .isNotEqualTo(id);
        assertThat(ConversationIds.forCustomer("t-1", Platform.TELEGRAM, null, "987654321"))
                .as("without a channel: the id conversations had before ids named their channel")
                .isEqualTo(java.util
                        .UUID
                        .nameUUIDFromBytes("fiko:conversation:t-1:telegram:987654321"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
    }

    @Test
    void compactedTopicsShouldBeCreatedWithCompactionAndOthersWithRetention() {
        assertThat(Topics.UNREAD_COUNTS.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.CONVERSATION_EVENTS.configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
    }
}
