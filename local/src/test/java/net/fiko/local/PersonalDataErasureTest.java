package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.CustomerErased;
import net.fiko.testsupport.TestSocket;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A customer's erasure on the real stack (docs/personal-data.md): asked for over REST by an agent of the tenant, it
 * empties every message of the customer's conversations and their profile and title, tells the lists and the public
 * stream, leaves another tenant's customer of the same platform id untouched, and the customer can write again.
 */
class PersonalDataErasureTest extends OnOneStack {

    @Test
    void anErasedCustomerShouldLeaveNothingOfThemInTheirConversationsAndEveryoneShouldBeTold() {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "tenant-" + UUID.randomUUID();
        String token = RunningStack.token(tenant, "7", "Sara");
        String conversation =
                stack.customerWrites(tenant, Platform.TELEGRAM, "4242", "Jane Secret", "I live at 12 Baker Street");
        stack.customerWrites(tenant, Platform.TELEGRAM, "4242", "Jane Secret", "My phone is +44 20 7946 0000");
        String untouched =
                stack.customerWrites(other, Platform.TELEGRAM, "4242", "Jane Secret", "I live at 12 Baker Street");
        stack.publish(
                Topics.GATEWAY_COMMANDS,
                new MessageSendRequested(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        new Agent("7", "Sara"),
                        "Jane, we ship to 12 Baker Street tomorrow",
                        "c-1",
                        "gw-test"));
        // The same customer on the tenant's other bot: a conversation of its own, erased with the first.
        String onOtherBot = stack.customerSendsThrough(
                "ch-other", tenant, Platform.TELEGRAM, "4242", "Jane Secret", "Same Jane, other shop");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.storedMessages(conversation).size() == 3
                        && stack.storedMessages(onOtherBot).size() == 1);
        long customerId =
                stack.count("select customer_id from conversations where id = ?::uuid", UUID.fromString(conversation));

        try (TestSocket list = stack.list(0, token);
                var events = new TopicRecorder<>(Topics.CONVERSATION_EVENTS)) {
            list.next("conversations_list");
            assertThat(erase(RunningStack.token(other, "9", "Omar"), customerId).statusCode())
                    .as("another tenant's customer")
                    .isEqualTo(404);
            assertThat(erase(token, "jane").statusCode()).isEqualTo(400);

            HttpResponse<String> erased = erase(token, customerId);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            JsonNode answer = EventJson.mapper().readTree(erased.body());
            assertThat(answer.path("messages_erased").asInt()).isEqualTo(4);
            assertThat(answer.path("conversations")).hasSize(2);
            assertThat(answer.path("conversations").get(0).path("title").asString())
                    .isEqualTo("telegram - erased customer");

            JsonNode updated = list.next(
                    frame -> "conversation_updated".equals(frame.path("type").asString())
                            && conversation.equals(frame.path("conversation_id").asString()));
            assertThat(updated.path("conversation").path("title").asString()).isEqualTo("telegram - erased customer");
            assertThat(updated.path("conversation").path("customer").has("first_name"))
                    .isFalse();
            CustomerErased event = events.awaitEvents(
                            CustomerErased.class, e -> e.conversationId().equals(conversation), 1)
                    .get(0);
            assertThat(event.customerId()).isEqualTo(customerId);
            assertThat(event.messagesErased())
                    .as("this conversation's messages")
                    .isEqualTo(3);
            assertThat(events.awaitEvents(
                                    CustomerErased.class,
                                    e -> e.conversationId().equals(onOtherBot),
                                    1)
                            .get(0)
                            .messagesErased())
                    .isEqualTo(1);
            assertThat(events.matching(
                            ConversationEvent.class, e -> e.tenantId().equals(other)))
                    .as("nothing of the other tenant")
                    .isEmpty();
        }

        assertThat(stack.storedMessages(conversation)).containsExactly("1 customer ", "2 customer ", "3 support ");
        assertThat(stack.count(
                        "select count(*) from customers where id = ? and (first_name is not null"
                                + " or last_name is not null or username is not null or external_id = '4242')",
                        customerId))
                .isZero();
        assertThat(stack.count(
                        "select count(*) from messages where conversation_id = ?::uuid and platform_message_id is not null",
                        UUID.fromString(conversation)))
                .isZero();
        HttpResponse<String> history =
                stack.messageServiceApi("GET", "/api/conversations/" + conversation + "/messages", token, null);
        assertThat(history.body()).doesNotContain("Baker", "7946", "Jane");
        assertThat(stack.storedMessages(onOtherBot)).containsExactly("1 customer ");
        assertThat(stack.storedMessages(untouched)).containsExactly("1 customer I live at 12 Baker Street");

        // The customer writes again: a new message, stored as any other, in the same conversation.
        stack.customerWrites(tenant, Platform.TELEGRAM, "4242", "Jane", "Hello again");
        assertThat(stack.storedMessages(conversation)).last().isEqualTo("4 customer Hello again");
        assertThat(erase(token, customerId).statusCode()).as("erasing again").isEqualTo(200);
        assertThat(stack.storedMessages(conversation)).last().isEqualTo("4 customer ");
    }

    private HttpResponse<String> erase(String token, Object customerId) {
        return stack.messageServiceApi("DELETE", "/api/customers/" + customerId, token, null);
    }
}
