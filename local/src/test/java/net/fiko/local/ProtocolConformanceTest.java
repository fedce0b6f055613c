package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliverySucceeded;
import net.fiko.events.ephemeral.PresenceChanged;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The seed protocol over real WebSocket connections against the real stack: a real broker and database,
 * message-service and two gateway instances. Each test takes tenants of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolConformanceTest {

    RunningStack stack;

    @BeforeAll
    void start() {
        stack = new RunningStack(
                ServerKind.EMBEDDED, 2, Map.of("fiko.gateway.delivery-wait", "2s", "fiko.gateway.typing-ttl", "1s"));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void listSocketShouldSendTheTenantsConversationsOnConnectAndOnEachRequest() {
        String tenant = tenant();
        String other = tenant();
        String first = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");
        String second = stack.customerWrites(tenant, Platform.INSTAGRAM, "2", "Sara", "Hi there");
        stack.customerWrites(other, Platform.TELEGRAM, "3", "Eve", "Not yours");

        try (TestSocket list = stack.list(0, RunningStack.token(tenant, "7", "Agent"))) {
            JsonNode onConnect = list.next("conversations_list");
            assertThat(ids(onConnect)).containsExactly(second, first);
            JsonNode conversation = onConnect.path("conversations").get(1);
            assertThat(conversation.path("title").asString()).isEqualTo("telegram - John");
            assertThat(conversation.path("source").asString()).isEqualTo("telegram");
            assertThat(conversation.path("status").asString()).isEqualTo("active");
            assertThat(conversation.path("customer").path("first_name").asString())
                    .isEqualTo("John");
            assertThat(conversation.path("customer").path("source").asString()).isEqualTo("telegram");
            assertThat(conversation.path("customer").path("id").isNumber()).isTrue();
            assertThat(conversation.path("last_message").path("content").asString())
                    .isEqualTo("Hello");
            assertThat(conversation.path("last_message").path("type").asString())
                    .isEqualTo("customer");
            assertThat(conversation.path("last_message").path("created_at").asString())
                    .isNotBlank();
            assertThat(conversation.path("unread_count").asLong()).isEqualTo(1);
            assertThat(conversation.path("created_at").asString()).isNotBlank();
            assertThat(conversation.path("updated_at").asString()).isNotBlank();
            assertThat(onConnect.path("timestamp").asString()).isNotBlank();

            list.send("{\"type\":\"get_conversations\",\"page_size\":1}");
            JsonNode paged = list.next("conversations_list");
            assertThat(ids(paged)).containsExactly(second);
            assertThat(paged.path("pagination").path("has_next").asBoolean()).isTrue();

            list.send("{\"type\":\"refresh_conversations\",\"filters\":{\"source\":\"telegram\"}}");
            assertThat(ids(list.next("conversations_list"))).containsExactly(first);

            list.send("{}");
            assertThat(ids(list.next("conversations_list"))).containsExactly(second, first);
        }
    }

    @Test
    void listSocketsOfTheTenantOnlyShouldLearnOfANewCustomerMessageWithTheConversationAsItNowIs() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");

        try (TestSocket list = stack.list(1, RunningStack.token(tenant, "7", "Agent"));
                TestSocket otherTenant = stack.list(0, RunningStack.token(tenant(), "8", "Other"))) {
            list.next("conversations_list");
            otherTenant.next("conversations_list");
            stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Anyone?");

            JsonNode delta = list.next("new_customer_message");
            assertThat(delta.path("conversation_id").asString()).isEqualTo(conversation);
            assertThat(delta.path("message").path("content").asString()).isEqualTo("Anyone?");
            assertThat(delta.path("message").path("type").asString()).isEqualTo("customer");
            assertThat(delta.path("message").path("id").asString()).isNotBlank();
            assertThat(delta.path("message").path("created_at").asString()).isNotBlank();
            assertThat(delta.path("timestamp").asString()).isNotBlank();
            assertThat(delta.path("conversation").path("unread_count").asLong()).isEqualTo(2);
            assertThat(delta.path("conversation")
                            .path("last_message")
                            .path("content")
                            .asString())
                    .isEqualTo("Anyone?");
            assertThat(otherTenant.pending()).isEmpty();
        }
    }

    @Test
    void markReadShouldTellTheChatOnBothGatewaysAndZeroTheListsUnreadCount() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");
        stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello?");

        try (TestSocket list = stack.list(0, RunningStack.token(tenant, "7", "Agent"));
                TestSocket reader = stack.chat(0, RunningStack.token(tenant, "7", "Agent"), conversation, null);
                TestSocket colleague = stack.chat(1, RunningStack.token(tenant, "8", "Omid"), conversation, null)) {
            assertThat(list.next("conversations_list")
                            .path("conversations")
                            .get(0)
                            .path("unread_count")
                            .asLong())
                    .isEqualTo(2);
            reader.next("recent_messages");
            colleague.next("recent_messages");
            reader.send("{\"type\":\"mark_read\"}");

            JsonNode read = colleague.next("messages_read");
            assertThat(read.path("user_id").asString()).isEqualTo("7");
            assertThat(read.path("conversation_id").asString()).isEqualTo(conversation);
            assertThat(reader.next("messages_read").path("user_id").asString()).isEqualTo("7");
            JsonNode updated = list.next("conversation_updated");
            assertThat(updated.path("conversation_id").asString()).isEqualTo(conversation);
            assertThat(updated.path("conversation").path("unread_count").asLong())
                    .isZero();
        }
    }

    @Test
    void typingAndPresenceShouldReachTheOthersInTheChatAcrossGatewaysButNotTheSender() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");

        try (TestSocket sara = stack.chat(0, RunningStack.token(tenant, "7", "Sara"), conversation, null)) {
            sara.next("recent_messages");
            try (TestSocket omid = stack.chat(1, RunningStack.token(tenant, "8", "Omid"), conversation, null)) {
                omid.next("recent_messages");
                JsonNode online = sara.next("user_presence");
                assertThat(online.path("user_id").asString()).isEqualTo("8");
                assertThat(online.path("username").asString()).isEqualTo("Omid");
                assertThat(online.path("is_online").asBoolean()).isTrue();
                assertThat(online.path("timestamp").asString()).isNotBlank();

                sara.send("{\"type\":\"typing\",\"is_typing\":true}");
                JsonNode typing = omid.next("typing_indicator");
                assertThat(typing.path("user_id").asString()).isEqualTo("7");
                assertThat(typing.path("username").asString()).isEqualTo("Sara");
                assertThat(typing.path("is_typing").asBoolean()).isTrue();
                assertThat(typing.path("conversation_id").asString()).isEqualTo(conversation);
                assertThat(typing.path("timestamp").asString()).isNotBlank();
                sara.send("{\"type\":\"typing\",\"is_typing\":false}");
                assertThat(omid.next("typing_indicator").path("is_typing").asBoolean())
                        .isFalse();
            }
            JsonNode offline = sara.next("user_presence");
            assertThat(offline.path("user_id").asString()).isEqualTo("8");
            assertThat(offline.path("is_online").asBoolean()).isFalse();
            assertThat(sara.pending())
                    .noneMatch(frame -> frame.path("type").asString().equals("typing_indicator"));
        }
    }

    @Test
    void userIdsShouldKeepTheJsonTypeOfTheTokensClaimAsTheSeedShowsThem() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");

        try (TestSocket sara = stack.chat(0, RunningStack.token(tenant, "7", "Sara"), conversation, null)) {
            sara.next("recent_messages");
            try (TestSocket numbered =
                    stack.chat(1, RunningStack.numericToken(tenant, 123, "Support Agent"), conversation, null)) {
                numbered.next("recent_messages");
                assertNumberedUser(sara.next("user_presence"));

                numbered.send("{\"type\":\"typing\",\"is_typing\":true}");
                assertNumberedUser(sara.next("typing_indicator"));

                sara.send("{\"type\":\"typing\",\"is_typing\":true}");
                JsonNode saraTyping = numbered.next("typing_indicator");
                assertThat(saraTyping.path("user_id").isString())
                        .as(saraTyping.toString())
                        .isTrue();
                assertThat(saraTyping.path("user_id").asString()).isEqualTo("7");

                numbered.send("{\"type\":\"mark_read\"}");
                assertNumberedUser(sara.next("messages_read"));
            }
        }
    }

    /** The frame names the user whose token's user_id claim is the number 123, as a number. */
    private static void assertNumberedUser(JsonNode frame) {
        assertThat(frame.path("user_id").isNumber()).as(frame.toString()).isTrue();
        assertThat(frame.path("user_id").asLong()).isEqualTo(123);
    }

    @Test
    void aJoiningSocketShouldBeToldWhoIsInTheChatAndTheListWhoIsOnlineAcrossGatewaysUntilAGatewayDies() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");
        String sara = RunningStack.token(tenant, "7", "Sara");

        try (TestSocket list = stack.list(0, sara);
                TestSocket omid = stack.chat(1, RunningStack.token(tenant, "8", "Omid"), conversation, null)) {
            list.next("conversations_list");
            omid.next("recent_messages");
            assertThat(omid.next("chat_presence").path("users")).isEmpty();
            // Omid's gateway announces him on fiko.ephemeral; the list's gateway learns of it from there.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onlineAgents(list).contains("8"));

            try (TestSocket chat = stack.chat(0, sara, conversation, null)) {
                chat.next("recent_messages");
                JsonNode here = chat.next("chat_presence");
                assertThat(here.path("conversation_id").asString()).isEqualTo(conversation);
                assertThat(here.path("users")).hasSize(1);
                assertThat(here.path("users").get(0).path("user_id").asString()).isEqualTo("8");
                assertThat(here.path("users").get(0).path("username").asString())
                        .isEqualTo("Omid");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> onlineAgents(list).containsAll(java.util.List.of("7", "8")));
            }

            // A gateway's last announcement before it died: nobody renews it.
            Instant now = Instant.now();
            stack.publish(
                    Topics.EPHEMERAL,
                    new PresenceChanged(
                            UUID.randomUUID().toString(),
                            now,
                            tenant,
                            conversation,
                            new Agent("66", "Ghost"),
                            "gw-dead",
                            true,
                            now.plusSeconds(2)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onlineAgents(list).contains("66"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !onlineAgents(list).contains("66"));
            assertThat(onlineAgents(list)).contains("8").doesNotContain("7");
        }
        try (TestSocket stranger = stack.list(1, RunningStack.token(tenant(), "9", "Stranger"))) {
            stranger.next("conversations_list");
            assertThat(onlineAgents(stranger)).isEmpty();
        }
    }

    private static java.util.List<String> onlineAgents(TestSocket list) {
        list.send("{\"type\":\"get_online_agents\"}");
        JsonNode answer = list.next("online_agents");
        java.util.List<String> ids = new java.util.ArrayList<>();
        answer.path("agents").forEach(agent -> ids.add(agent.path("user_id").asString()));
        return ids;
    }

    @Test
    void theUsersOfAGatewayThatDiedShouldShowOfflineAndStopTypingOnceItsAnnouncementsEnd() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");
        Agent ghost = new Agent("66", "Ghost");
        Instant now = Instant.now();

        try (TestSocket sara = stack.chat(0, RunningStack.token(tenant, "7", "Sara"), conversation, null)) {
            sara.next("recent_messages");
            // What a gateway announces just before it dies: nothing renews it afterwards.
            stack.publish(
                    Topics.EPHEMERAL,
                    new PresenceChanged(
                            UUID.randomUUID().toString(),
                            now,
                            tenant,
                            conversation,
                            ghost,
                            "gw-dead",
                            true,
                            now.plusSeconds(6)));
            stack.publish(
                    Topics.EPHEMERAL,
                    new TypingChanged(
                            UUID.randomUUID().toString(),
                            now,
                            tenant,
                            conversation,
                            ghost,
                            "gw-dead",
                            true,
                            now.plusSeconds(1)));
            assertThat(sara.next("user_presence").path("is_online").asBoolean()).isTrue();
            assertThat(sara.next("typing_indicator").path("is_typing").asBoolean())
                    .isTrue();

            JsonNode stoppedTyping = sara.next("typing_indicator");
            assertThat(stoppedTyping.path("user_id").asString()).isEqualTo("66");
            assertThat(stoppedTyping.path("is_typing").asBoolean()).isFalse();
            JsonNode offline = sara.next("user_presence");
            assertThat(offline.path("user_id").asString()).isEqualTo("66");
            assertThat(offline.path("is_online").asBoolean()).isFalse();
        }
    }

    @Test
    void aTypingStateThatIsNotRefreshedShouldEndByItself() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hello");

        try (TestSocket sara = stack.chat(0, RunningStack.token(tenant, "7", "Sara"), conversation, null);
                TestSocket omid = stack.chat(1, RunningStack.token(tenant, "8", "Omid"), conversation, null)) {
            sara.next("recent_messages");
            omid.next("recent_messages");
            sara.send("{\"type\":\"typing\",\"is_typing\":true}");

            assertThat(omid.next("typing_indicator").path("is_typing").asBoolean())
                    .isTrue();
            JsonNode ended = omid.next("typing_indicator");
            assertThat(ended.path("is_typing").asBoolean()).isFalse();
            assertThat(ended.path("user_id").asString()).isEqualTo("7");
        }
    }

    @Test
    void chatSocketShouldSendRecentMessagesOldestFirstOnJoin() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "first");
        stack.customerWrites(tenant, Platform.WEB, "1", "John", "second");

        try (TestSocket chat = stack.chat(1, RunningStack.token(tenant, "7", "Agent"), conversation, null)) {
            JsonNode recent = chat.next();
            assertThat(recent.path("type").asString()).isEqualTo("recent_messages");
            assertThat(recent.path("messages")).hasSize(2);
            JsonNode message = recent.path("messages").get(0);
            assertThat(message.path("content").asString()).isEqualTo("first");
            assertThat(message.path("type").asString()).isEqualTo("customer");
            assertThat(message.path("id").asString()).isNotBlank();
            assertThat(message.path("created_at").asString()).isNotBlank();
            assertThat(message.path("customer").path("first_name").asString()).isEqualTo("John");
            assertThat(recent.path("messages").get(1).path("content").asString())
                    .isEqualTo("second");
            assertThat(recent.path("timestamp").asString()).isNotBlank();
        }
    }

    @Test
    void anotherTenantsConversationShouldBeRefusedExactlyLikeAMissingOne() {
        String conversation = stack.customerWrites(tenant(), Platform.WEB, "1", "John", "private");
        String intruder = RunningStack.token(tenant(), "9", "Mallory");

        try (TestSocket foreign = stack.chat(0, intruder, conversation, null);
                TestSocket missing = stack.chat(0, intruder, UUID.randomUUID().toString(), null)) {
            for (TestSocket socket : List.of(foreign, missing)) {
                JsonNode error = socket.next();
                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("error").asString()).isEqualTo("Conversation not found");
                assertThat(socket.closeCode()).isEqualTo(4404);
            }
        }
    }

    @Test
    void aResentClientMessageIdShouldStoreAndDeliverOneMessage() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hi");

        try (TestSocket chat = stack.chat(0, RunningStack.token(tenant, "7", "Agent"), conversation, null)) {
            chat.next("recent_messages");
            String frame = "{\"type\":\"chat_message\",\"content\":\"Once\",\"client_msg_id\":\"c-1\"}";
            chat.send(frame).send(frame);
            assertThat(chat.next("chat_message")
                            .path("message")
                            .path("client_msg_id")
                            .asString())
                    .isEqualTo("c-1");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Marker\"}");
            assertThat(chat.next("chat_message").path("message").path("content").asString())
                    .isEqualTo("Marker");
            assertThat(stack.storedMessages(conversation))
                    .containsExactly("1 customer Hi", "2 support Once", "3 support Marker");
        }
    }

    @Test
    void aReplyToATelegramCustomerShouldCarryThePlatformsAnswerThenLaterChangesAsMessageStatus() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hi");

        try (TestSocket chat = stack.chat(0, RunningStack.token(tenant, "7", "Agent"), conversation, null)) {
            chat.next("recent_messages");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Delivered one\"}");
            String delivered = await().atMost(Duration.ofSeconds(10))
                    .until(() -> stack.latestSupportMessageId(conversation), id -> id != null);
            stack.publish(
                    Topics.DELIVERY_RESULTS,
                    new DeliverySucceeded(
                            UUID.randomUUID().toString(),
                            Instant.now(),
                            tenant,
                            conversation,
                            delivered,
                            Platform.TELEGRAM,
                            "555",
                            1));
            JsonNode sent = chat.next("chat_message");
            assertThat(sent.path("external_send_result").path("success").asBoolean())
                    .isTrue();
            assertThat(sent.path("external_send_result").path("platform").asString())
                    .isEqualTo("telegram");

            chat.send("{\"type\":\"chat_message\",\"content\":\"Blocked one\"}");
            JsonNode pending = chat.next("chat_message");
            assertThat(pending.path("external_send_result").path("success").asBoolean())
                    .isFalse();
            assertThat(pending.path("external_send_result").path("status").asString())
                    .isEqualTo("pending");
            String blocked = pending.path("message").path("id").asString();
            stack.publish(
                    Topics.DELIVERY_RESULTS,
                    new DeliveryFailed(
                            UUID.randomUUID().toString(),
                            Instant.now(),
                            tenant,
                            conversation,
                            blocked,
                            Platform.TELEGRAM,
                            "The customer blocked the bot",
                            "403",
                            1));
            JsonNode status = chat.next("message_status");
            assertThat(status.path("message_id").asString()).isEqualTo(blocked);
            assertThat(status.path("status").asString()).isEqualTo("failed");
            assertThat(status.path("external_send_result").path("error").asString())
                    .isEqualTo("The customer blocked the bot");
        }
    }

    @Test
    void historyShouldPageBackwardsAndAResumingClientShouldGetExactlyWhatItMissed() {
        String tenant = tenant();
        String conversation = null;
        for (int i = 1; i <= 60; i++) {
            conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "m" + i);
        }
        String token = RunningStack.token(tenant, "7", "Agent");

        try (TestSocket chat = stack.chat(0, token, conversation, null)) {
            JsonNode recent = chat.next("recent_messages");
            assertThat(recent.path("messages")).hasSize(50);
            assertThat(recent.path("messages").get(0).path("content").asString())
                    .isEqualTo("m11");
            assertThat(recent.path("has_more").asBoolean()).isTrue();
            String oldest = recent.path("messages").get(0).path("id").asString();
            String m55 = recent.path("messages").get(44).path("id").asString();

            chat.send("{\"type\":\"load_more_messages\",\"before\":\"" + oldest + "\",\"limit\":50}");
            JsonNode older = chat.next("recent_messages");
            assertThat(older.path("messages")).hasSize(10);
            assertThat(older.path("messages").get(0).path("content").asString()).isEqualTo("m1");
            assertThat(older.path("has_more").asBoolean()).isFalse();

            try (TestSocket resumed = stack.chat(1, token, conversation, "since=" + m55)) {
                JsonNode missed = resumed.next("recent_messages");
                assertThat(missed.path("recovered").asBoolean()).isTrue();
                List<String> contents = new ArrayList<>();
                missed.path("messages")
                        .forEach(m -> contents.add(m.path("content").asString()));
                assertThat(contents).containsExactly("m56", "m57", "m58", "m59", "m60");
            }
        }
    }

    @Test
    void badFramesShouldGetErrorsAndLeaveTheChatUsable() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hi");

        try (TestSocket chat = stack.chat(1, RunningStack.token(tenant, "7", "Agent"), conversation, "lang=en")) {
            chat.next("recent_messages");
            chat.send("not json");
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Invalid JSON");
            chat.send("{\"type\":\"chat_message\",\"content\":\"\"}");
            JsonNode empty = chat.next("error");
            assertThat(empty.path("error").asString()).isEqualTo("Message content cannot be empty");
            assertThat(empty.path("message").asString()).contains("cannot be empty");
            chat.send("[1,2]");
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Invalid message format");
            chat.send("{\"type\":\"dance\"}");
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Unknown message type");
            chat.send("{\"type\":\"typing\",\"is_typing\":\"yes\"}");
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Invalid field");
            chat.send("{\"type\":\"chat_message\",\"content\":\"" + "x".repeat(4097) + "\"}");
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Message content too long");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Still works\"}");
            assertThat(chat.next("chat_message").path("message").path("content").asString())
                    .isEqualTo("Still works");
        }
    }

    @Test
    void authenticationFramesAndRateShouldBeEnforcedOnTheRealStack() {
        String tenant = tenant();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "1", "John", "Hi");

        try (TestSocket anonymous = stack.chat(0, "not-a-token", conversation, null)) {
            assertThat(anonymous.next("error").path("error").asString()).isEqualTo("Authentication required");
            assertThat(anonymous.closeCode()).isEqualTo(1008);
        }
        try (TestSocket huge = stack.chat(0, RunningStack.token(tenant, "7", "Agent"), conversation, null)) {
            huge.next("recent_messages");
            huge.send("{\"type\":\"chat_message\",\"content\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(huge.closeCode()).isEqualTo(1009);
        }
        try (TestSocket flood = stack.chat(1, RunningStack.token(tenant, "7", "Agent"), conversation, null)) {
            flood.next("recent_messages");
            for (int i = 0; i < 100 && !flood.isClosed(); i++) {
                flood.send("{\"type\":\"typing\",\"is_typing\":false}");
            }
            assertThat(flood.next("error").path("error").asString()).isEqualTo("Rate limit exceeded");
            assertThat(flood.closeCode())
                    .as("try again later, not sign in again")
                    .isEqualTo(1013);
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("conversations").forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
