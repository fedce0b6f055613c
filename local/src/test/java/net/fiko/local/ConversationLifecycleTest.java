package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A conversation's life on the real stack: resolved by an agent on the chat socket, reopened when the customer writes
 * again, snoozed and woken when its time comes, resolved over REST; each change seen by the chat's sockets as
 * {@code conversation_status_changed} and by the tenant's lists as {@code conversation_updated}, and the list's status
 * filter finding it.
 */
class ConversationLifecycleTest extends OnOneStack {

    @Test
    void aConversationShouldBeResolvedReopenedByItsCustomerSnoozedAndWokenWithEveryoneTold() {
        String tenant = "tenant-" + UUID.randomUUID();
        String token = RunningStack.token(tenant, "7", "Sara");
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");

        try (TestSocket list = stack.list(0, token);
                TestSocket chat = stack.chat(0, token, conversation, null)) {
            assertThat(list.next("conversations_list")
                            .path("conversations")
                            .get(0)
                            .path("status")
                            .asString())
                    .isEqualTo("active");
            chat.next("recent_messages");

            chat.send("{\"type\":\"resolve_conversation\"}");
            JsonNode resolved = chat.next("conversation_status_changed");
            assertThat(resolved.path("conversation_id").asString()).isEqualTo(conversation);
            assertThat(resolved.path("status").asString()).isEqualTo("resolved");
            assertThat(resolved.path("previous_status").asString()).isEqualTo("active");
            assertThat(resolved.path("reason").asString()).isEqualTo("agent");
            assertThat(resolved.path("user_id").asString()).isEqualTo("7");
            assertThat(resolved.path("username").asString()).isEqualTo("Sara");
            assertThat(statusIn(list.next("conversation_updated"))).isEqualTo("resolved");

            assertThat(idsWithStatus(list, "resolved")).containsExactly(conversation);
            assertThat(idsWithStatus(list, "active")).isEmpty();

            stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "One more thing");
            JsonNode reopened = chat.next("conversation_status_changed");
            assertThat(reopened.path("status").asString()).isEqualTo("active");
            assertThat(reopened.path("previous_status").asString()).isEqualTo("resolved");
            assertThat(reopened.path("reason").asString()).isEqualTo("customer_wrote");
            assertThat(reopened.has("user_id")).isFalse();
            JsonNode newMessage = list.next("new_customer_message");
            assertThat(statusIn(newMessage)).isEqualTo("active");
            assertThat(newMessage.path("conversation").path("unread_count").asLong())
                    .isEqualTo(2);
            assertThat(statusIn(list.next("conversation_updated"))).isEqualTo("active");

            Instant until = Instant.now().plusSeconds(2);
            chat.send("{\"type\":\"snooze_conversation\",\"until\":\"" + until + "\"}");
            JsonNode snoozed = chat.next("conversation_status_changed");
            assertThat(snoozed.path("status").asString()).isEqualTo("snoozed");
            assertThat(Instant.parse(snoozed.path("snoozed_until").asString())).isEqualTo(until);
            JsonNode snoozedInList = list.next("conversation_updated");
            assertThat(statusIn(snoozedInList)).isEqualTo("snoozed");
            assertThat(snoozedInList.path("conversation").path("snoozed_until").asString())
                    .isEqualTo(snoozed.path("snoozed_until").asString());

            JsonNode woken = chat.next("conversation_status_changed");
            assertThat(woken.path("status").asString()).isEqualTo("active");
            assertThat(woken.path("previous_status").asString()).isEqualTo("snoozed");
            assertThat(woken.path("reason").asString()).isEqualTo("snooze_ended");
            assertThat(Instant.parse(woken.path("timestamp").asString())).isAfterOrEqualTo(until);
            JsonNode wokenInList = list.next("conversation_updated");
            assertThat(statusIn(wokenInList)).isEqualTo("active");
            assertThat(wokenInList.path("conversation").has("snoozed_until")).isFalse();
        }
    }

    @Test
    void aStatusChangeOutOfBoundsShouldBeRefusedNamingTheFieldAndLeaveTheSocketUsable() {
        String tenant = "tenant-" + UUID.randomUUID();
        String token = RunningStack.token(tenant, "7", "Sara");
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");

        try (TestSocket chat = stack.chat(0, token, conversation, null)) {
            chat.next("recent_messages");
            for (String frame : new String[] {
                "{\"type\":\"snooze_conversation\"}",
                "{\"type\":\"snooze_conversation\",\"until\":42}",
                "{\"type\":\"snooze_conversation\",\"until\":\"tomorrow\"}",
                "{\"type\":\"snooze_conversation\",\"until\":\"2001-01-01T00:00:00Z\"}",
                "{\"type\":\"snooze_conversation\",\"until\":\"" + Instant.now().plusSeconds(400L * 86400) + "\"}"
            }) {
                chat.send(frame);
                JsonNode error = chat.next("error");
                assertThat(error.path("field").asString()).as(frame).isEqualTo("until");
            }

            chat.send("{\"type\":\"resolve_conversation\"}");
            assertThat(chat.next("conversation_status_changed").path("status").asString())
                    .isEqualTo("resolved");
        }
    }

    @Test
    void restShouldChangeTheStatusOfTheTenantsConversationsOnlyAndRefuseWhatIsOutOfBounds() {
        String tenant = "tenant-" + UUID.randomUUID();
        String token = RunningStack.token(tenant, "7", "Sara");
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");
        String path = "/api/conversations/" + conversation + "/status";

        try (TestSocket chat = stack.chat(0, token, conversation, null)) {
            chat.next("recent_messages");

            var resolved = stack.messageServiceApi("POST", path, token, "{\"status\":\"resolved\"}");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            assertThat(EventJson.mapper()
                            .readTree(resolved.body())
                            .path("status")
                            .asString())
                    .isEqualTo("resolved");
            JsonNode changed = chat.next("conversation_status_changed");
            assertThat(changed.path("status").asString()).isEqualTo("resolved");
            assertThat(changed.path("reason").asString()).isEqualTo("agent");

            var again = stack.messageServiceApi("POST", path, token, "{\"status\":\"resolved\"}");
            assertThat(again.statusCode()).isEqualTo(200);

            String other = RunningStack.token("tenant-" + UUID.randomUUID(), "8", "Eve");
            assertThat(stack.messageServiceApi("POST", path, other, "{\"status\":\"active\"}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(stack.messageServiceApi("POST", path, token, "{\"status\":\"closed\"}")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(stack.messageServiceApi("POST", path, token, "{\"status\":\"snoozed\"}")
                            .body())
                    .contains("snoozed_until");
            assertThat(stack.messageServiceApi(
                                    "POST",
                                    path,
                                    token,
                                    "{\"status\":\"resolved\",\"snoozed_until\":\""
                                            + Instant.now().plusSeconds(60) + "\"}")
                            .statusCode())
                    .isEqualTo(400);

            var reopened = stack.messageServiceApi("POST", path, token, "{\"status\":\"active\"}");
            assertThat(EventJson.mapper()
                            .readTree(reopened.body())
                            .path("status")
                            .asString())
                    .isEqualTo("active");
            JsonNode next = chat.next("conversation_status_changed");
            assertThat(next.path("status").asString()).isEqualTo("active");
            assertThat(chat.pending())
                    .noneMatch(frame -> frame.path("type").asString().equals("conversation_status_changed"));
        }
    }

    @Test
    void aConversationShouldBeAssignedToAnAgentOfTheTenantOrToOneselfAndFilteredByAssignee() {
        String tenant = "tenant-" + UUID.randomUUID();
        String sara = RunningStack.token(tenant, "7", "Sara");
        String numbered = RunningStack.numericToken(tenant, 123, "Support Agent");
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Hello");

        try (TestSocket saraList = stack.list(0, sara);
                TestSocket saraChat = stack.chat(0, sara, conversation, null);
                TestSocket otherChat = stack.chat(0, numbered, conversation, null)) {
            saraList.next("conversations_list");
            saraChat.next("recent_messages");
            otherChat.next("recent_messages");
            // Fiko knows an agent once they have acted: the numbered agent reads the chat.
            otherChat.send("{\"type\":\"mark_read\"}");
            saraChat.next("messages_read");

            saraChat.send("{\"type\":\"assign_conversation\"}");
            JsonNode mine = saraChat.next("conversation_assigned");
            assertThat(mine.path("assignee").path("user_id").asString()).isEqualTo("7");
            assertThat(mine.path("assignee").path("username").asString()).isEqualTo("Sara");
            assertThat(mine.has("previous_assignee")).isFalse();
            assertThat(mine.path("user_id").asString()).isEqualTo("7");
            JsonNode listed =
                    saraList.next(frame -> frame.path("type").asString().equals("conversation_updated")
                            && frame.path("conversation").has("assignee"));
            assertThat(listed.path("conversation")
                            .path("assignee")
                            .path("user_id")
                            .asString())
                    .isEqualTo("7");
            assertThat(ids(saraList, "{\"assignee\":\"mine\"}")).containsExactly(conversation);
            assertThat(ids(saraList, "{\"assignee\":\"unassigned\"}")).isEmpty();
            assertThat(ids(saraList, "{\"assignee\":\"all\"}")).containsExactly(conversation);

            saraChat.send("{\"type\":\"assign_conversation\",\"user_id\":123}");
            JsonNode theirs =
                    otherChat.next(frame -> frame.path("type").asString().equals("conversation_assigned")
                            && frame.path("assignee").path("user_id").isNumber());
            assertThat(theirs.path("assignee").path("user_id").asLong()).isEqualTo(123);
            assertThat(theirs.path("previous_assignee").path("user_id").asString())
                    .isEqualTo("7");
            assertThat(ids(saraList, "{\"assignee\":\"mine\"}")).isEmpty();

            saraChat.send("{\"type\":\"assign_conversation\",\"user_id\":true}");
            assertThat(saraChat.next("error").path("field").asString()).isEqualTo("user_id");

            saraChat.send("{\"type\":\"unassign_conversation\"}");
            JsonNode nobody = saraChat.next(
                    frame -> frame.path("type").asString().equals("conversation_assigned") && !frame.has("assignee"));
            assertThat(nobody.path("previous_assignee").path("user_id").asLong())
                    .isEqualTo(123);
            assertThat(ids(saraList, "{\"assignee\":\"unassigned\"}")).containsExactly(conversation);

            saraList.send("{\"type\":\"get_conversations\",\"filters\":{\"assignee\":\"someone\"}}");
            assertThat(saraList.next("error").path("field").asString()).isEqualTo("filters.assignee");
        }

        String path = "/api/conversations/" + conversation + "/assignee";
        var assigned = stack.messageServiceApi("POST", path, sara, "{\"user_id\":\"7\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(EventJson.mapper()
                        .readTree(assigned.body())
                        .path("assignee")
                        .path("user_id")
                        .asString())
                .isEqualTo("7");
        var unknown = stack.messageServiceApi("POST", path, sara, "{\"user_id\":\"999\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Agent not found");
        assertThat(stack.messageServiceApi("POST", path, sara, "{\"user_id\":{}}")
                        .statusCode())
                .isEqualTo(400);
        String stranger = RunningStack.token("tenant-" + UUID.randomUUID(), "7", "Sara");
        assertThat(stack.messageServiceApi("POST", path, stranger, "{\"user_id\":\"7\"}")
                        .statusCode())
                .isEqualTo(404);
        var mineOverRest = stack.messageServiceApi("GET", "/api/conversations?assignee=mine", sara, null);
        assertThat(mineOverRest.body()).contains(conversation);
    }

    private static java.util.List<String> ids(TestSocket list, String filters) {
        list.send("{\"type\":\"get_conversations\",\"filters\":" + filters + "}");
        return StreamSupport.stream(
                        list.next("conversations_list").path("conversations").spliterator(), false)
                .map(conversation -> conversation.path("id").asString())
                .toList();
    }

    private static String statusIn(JsonNode frame) {
        return frame.path("conversation").path("status").asString();
    }

    private static java.util.List<String> idsWithStatus(TestSocket list, String status) {
        list.send("{\"type\":\"get_conversations\",\"filters\":{\"status\":\"" + status + "\"}}");
        return StreamSupport.stream(
                        list.next("conversations_list").path("conversations").spliterator(), false)
                .map(conversation -> conversation.path("id").asString())
                .toList();
    }
}
