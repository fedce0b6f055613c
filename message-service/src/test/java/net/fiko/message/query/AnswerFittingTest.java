package net.fiko.message.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import org.junit.jupiter.api.Test;

class AnswerFittingTest {

    @Test
    void aPreviewShouldCutOnlyTheLastMessageAndKeepEverythingElseOfTheConversation() {
        Instant now = Instant.parse("2026-12-03T09:00:00Z");
        Message last = new Message(
                "m1",
                "c1",
                7,
                MessageType.CUSTOMER,
                "x".repeat(AnswerFitting.PREVIEW_CHARS + 100),
                List.of(),
                null,
                null,
                null,
                null,
                DeliveryStatus.DELIVERED,
                now);
        ConversationSnapshot conversation = new ConversationSnapshot(
                "c1",
                "telegram - John",
                Platform.TELEGRAM,
                ConversationStatus.SNOOZED,
                null,
                last,
                3,
                now,
                now,
                now.plusSeconds(86_400),
                now.plusSeconds(3_600),
                new Agent("123", "Support Agent", true));

        ConversationSnapshot preview = AnswerFitting.withPreview(conversation);

        assertThat(preview.lastMessage().content())
                .hasSize(AnswerFitting.PREVIEW_CHARS + 1)
                .endsWith("…");
        assertThat(preview)
                .usingRecursiveComparison()
                .ignoringFields("lastMessage.content")
                .isEqualTo(conversation);
    }
}
