package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The poison inputs of docs/reliability.md, through the real sockets and topics, against message-service and a
 * gateway: after them, the next message of the same conversation and one of another tenant are stored and echoed
 * within 2 s, and so they are after every service restarts.
 */
class HostileInputTest extends OnOneStack {

    static final Duration ECHO_WITHIN = Duration.ofSeconds(2);

    @Test
    void afterPoisonFramesAndRecordsTheNextMessagesOfEveryTenantShouldBeEchoedAlsoAfterARestart() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "tenant-" + UUID.randomUUID();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");
        String othersConversation = stack.customerWrites(other, Platform.WEB, "2", "Sara", "Hi");
        String agent = RunningStack.token(tenant, "7", "Agent");
        String othersAgent = RunningStack.token(other, "8", "Omar");

        try (TestSocket chat = joined(agent, conversation);
                TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            chat.send("{\"type\":\"chat_message\",\"content\":\"nul \\u0000 inside\"}");
            assertThat(chat.next("chat_message").path("message").path("content").asString())
                    .isEqualTo("nul \uFFFD inside");
            chat.send("{\"type\":\"chat_message\",\"content\":\"x\",\"client_msg_id\":\"" + "c".repeat(3_000) + "\"}");
            assertThat(chat.next("error").path("field").asString()).isEqualTo("client_msg_id");
            list.send("{\"type\":\"get_conversations\",\"filters\":{\"search\":\"\\u0000\"}}");
            assertThat(list.next("error").path("field").asString()).isEqualTo("filters.search");

            poisonTheTopics(tenant, conversation, other);

            assertEchoedWithin(chat, "after the poison");
            // The gateway's answers stream went on past its poison: the list is answered.
            list.send("{\"type\":\"get_conversations\"}");
            assertThat(list.next("conversations_list").path("conversations").size())
                    .isEqualTo(1);
            // So did its ephemeral stream: another agent's typing reaches the chat.
            try (TestSocket colleague = joined(RunningStack.token(tenant, "9", "Nima"), conversation)) {
                colleague.send("{\"type\":\"typing\",\"is_typing\":true}");
                assertThat(chat.next("typing_indicator").path("user_id").asString())
                        .isEqualTo("9");
            }
        }
        try (TestSocket othersChat = joined(othersAgent, othersConversation)) {
            assertEchoedWithin(othersChat, "another tenant's, after the poison");
        }

        stack.restartCore();

        try (TestSocket chat = joined(agent, conversation);
                TestSocket othersChat = joined(othersAgent, othersConversation)) {
            assertEchoedWithin(chat, "after the restart");
            assertEchoedWithin(othersChat, "another tenant's, after the restart");
        }
        assertThat(stack.storedMessages(conversation))
                .extracting(row -> row.substring(row.indexOf(' ', row.indexOf(' ') + 1) + 1))
                .containsExactly("Hello", "nul \uFFFD inside", "after the poison", "after the restart");
    }

    /** Records that bypass the gateway: not events at all, and events whose text PostgreSQL cannot store. */
    private void poisonTheTopics(String tenant, String conversation, String other) {
        for (String topic : List.of(
                Topics.GATEWAY_COMMANDS.name(),
                Topics.INBOUND_MESSAGES.name(),
                Topics.GATEWAY_REPLIES.name(),
                Topics.EPHEMERAL.name())) {
            stack.publishRaw(topic, conversation, "{not json");
        }
        stack.publish(
                Topics.GATEWAY_COMMANDS,
                new MessageSendRequested(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        new Agent("7", "Agent"),
                        "straight to Kafka \u0000",
                        null,
                        "gw-elsewhere"));
        stack.customerSends(other, Platform.WEB, "2", "Sara", "from another producer \u0000");
    }

    private TestSocket joined(String token, String conversation) {
        TestSocket chat = stack.chat(0, token, conversation, null);
        chat.next("recent_messages");
        return chat;
    }

    private static void assertEchoedWithin(TestSocket chat, String text) {
        long start = System.nanoTime();
        chat.send("{\"type\":\"chat_message\",\"content\":\"" + text + "\"}");
        JsonNode echo = chat.next(frame -> frame.path("type").asString().equals("chat_message")
                && frame.path("message").path("content").asString().equals(text));
        assertThat(echo).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("echo of \"%s\"", text)
                .isLessThan(ECHO_WITHIN);
    }
}
