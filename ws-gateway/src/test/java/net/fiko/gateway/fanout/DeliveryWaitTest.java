package net.fiko.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.protocol.Frames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reply waiting for its platform's answer never lets the chat's later messages overtake it. */
class DeliveryWaitTest {

    private final DeliveryWait wait = new DeliveryWait(new GatewayProperties(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Duration.ofMillis(300),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Object> socket = frame -> sent.add(describe(frame));

    @AfterEach
    void stop() {
        wait.destroy();
    }

    @Test
    void theNextMessageOfTheChatReleasesTheHeldReplyAsPendingJustAheadOfItself() {
        wait.hold(reply("r1", 1), socket);
        wait.pass("c1", () -> sent.add("customer 2"));
        wait.answered(answer("r1"), socket);

        assertThat(sent).containsExactly("chat_message r1 pending", "customer 2", "message_status r1 sent");
    }

    @Test
    void anAnswerReleasesTheRepliesHeldBeforeItsOwnFirst() {
        wait.hold(reply("r1", 1), socket);
        wait.hold(reply("r2", 2), socket);
        wait.answered(answer("r2"), socket);
        wait.answered(answer("r1"), socket);

        assertThat(sent).containsExactly("chat_message r1 pending", "chat_message r2 sent", "message_status r1 sent");
    }

    @Test
    void aReplyWithoutAnAnswerGoesOutPendingAtTheDeadlineOnceAndOtherChatsNeverWait() {
        wait.hold(reply("r1", 1), socket);
        wait.pass("another chat", () -> sent.add("other chat's message"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
        wait.pass("c1", () -> sent.add("customer 2"));
        assertThat(sent).containsExactly("other chat's message", "chat_message r1 pending", "customer 2");
    }

    private static Message reply(String id, long sequence) {
        return new Message(
                id,
                "c1",
                sequence,
                MessageType.SUPPORT,
                "Hello",
                List.of(),
                new Customer(1L, Platform.TELEGRAM, "42", "Dana", null, null),
                null,
                null,
                null,
                DeliveryStatus.PENDING,
                Instant.now());
    }

    private static DeliveryUpdated answer(String messageId) {
        return new DeliveryUpdated(
                "e-" + messageId, Instant.now(), "acme", "c1", messageId, Platform.TELEGRAM, DeliveryStatus.SENT, null);
    }

    private static String describe(Object frame) {
        if (frame instanceof Frames.ChatMessageFrame chat) {
            return "chat_message " + chat.message().id() + " "
                    + chat.externalSendResult().status();
        }
        if (frame instanceof Frames.MessageStatusFrame status) {
            return "message_status " + status.messageId() + " "
                    + status.externalSendResult().status();
        }
        return frame.toString();
    }
}
