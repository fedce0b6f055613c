package net.fiko.message.unread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.conversation.MessagesRead;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CountedEventReaderTest {

    private static final Instant AT = Instant.parse("2026-11-26T06:00:00.123456Z");

    private final CountedEventReader reader = new CountedEventReader();

    @Test
    void shouldReadAsTheObjectMapperWouldTheFieldsItCounts() {
        var message = new Message(
                "m-1",
                "c-1",
                42,
                MessageType.CUSTOMER,
                "Where is my order? {\"sequence\": 1}",
                List.of(new Attachment("photo", "f-1", "image/jpeg", "a caption", 4000L)),
                new Customer(7L, Platform.TELEGRAM, "99", "John", "Doe", "johnd"),
                new Agent("1", "Sara"),
                "client-1",
                null,
                DeliveryStatus.DELIVERED,
                AT);
        byte[] created = EventJson.toBytes(new MessageCreated("e-1", AT, "t-1", "c-1", message));
        byte[] read = EventJson.toBytes(new MessagesRead("e-2", AT, "t-1", "c-1", new Agent("1", "Sara"), 40));

        assertThat(reader.deserialize("conversation-events", created))
                .isEqualTo(EventJson.fromBytes(created, CountedEvent.class))
                .isEqualTo(new CountedEvent(
                        "message_created", "t-1", AT, new CountedEvent.CountedMessage(MessageType.CUSTOMER, 42), null));
        assertThat(reader.deserialize("conversation-events", read))
                .isEqualTo(EventJson.fromBytes(read, CountedEvent.class))
                .isEqualTo(new CountedEvent("messages_read", "t-1", AT, null, 40L));
    }

    @Test
    void shouldSkipEveryOtherFieldWhereverItIsAndHoweverDeep() {
        String json = """
                {"conversation": {"id": "c-1", "unread_count": 3, "last_message": {"type": "support", "sequence": 9}},
                 "message": {"attachments": [{"kind": "photo", "sequence": 5}], "sequence": 8, "type": "customer",
                             "customer": {"type": "vip"}},
                 "tags": ["type", {"type": "x"}], "type": "message_created", "occurred_at": "2026-11-26T06:00:00Z",
                 "tenant_id": "t-1", "some_future_field": null}""";

        assertThat(reader.deserialize("conversation-events", json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new CountedEvent(
                        "message_created",
                        "t-1",
                        Instant.parse("2026-11-26T06:00:00Z"),
                        new CountedEvent.CountedMessage(MessageType.CUSTOMER, 8),
                        null));
    }

    @Test
    void shouldCountAMessageOfATypeItDoesNotKnowAsNoCustomers() {
        String json = """
                {"type": "message_created", "tenant_id": "t-1", "message": {"type": "bot", "sequence": 3}}""";

        assertThat(reader.deserialize("conversation-events", json.getBytes(StandardCharsets.UTF_8))
                        .message())
                .isEqualTo(new CountedEvent.CountedMessage(null, 3));
    }

    @Test
    void shouldReadATombstoneAsNothingAndRefuseWhatIsNotAnEvent() {
        assertThat(reader.deserialize("conversation-events", null)).isNull();
        assertThatThrownBy(() -> reader.deserialize("conversation-events", "[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> reader.deserialize(
                        "conversation-events", "{\"type\": \"message_created\", ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> reader.deserialize(
                        "conversation-events", "{\"occurred_at\": \"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
