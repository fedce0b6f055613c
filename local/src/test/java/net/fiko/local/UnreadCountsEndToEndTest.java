package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The unread counts an agent is shown, served from the Kafka Streams topology's counts topped up by the database, held
 * to a recount in PostgreSQL: 1,000 customer messages over 50 conversations, in bursts that leave Streams behind, with
 * agents' replies and reads in between. Every count a list socket shows, and every count a list answer gives, is the
 * number of the conversation's customer messages after its read mark, up to the message the frame shows last.
 */
class UnreadCountsEndToEndTest extends OnOneStack {

    static final int CONVERSATIONS = 50;
    static final int ROUNDS = 5;
    static final int PER_CONVERSATION_PER_ROUND = 4;

    @Test
    void everyCountAnAgentIsShownShouldEqualARecountInTheDatabase() {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        List<String> customers = new ArrayList<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            customers.add(Long.toString(910_000 + c));
            indexOf.put(conversation(tenant, customers.get(c)), c);
        }
        long[] readMarks = new long[CONVERSATIONS];
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        Random random = new Random(17);
        int sent = 0;
        int replies = 0;
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            for (int round = 0; round < ROUNDS; round++) {
                List<Integer> order = new ArrayList<>();
                for (int c = 0; c < CONVERSATIONS; c++) {
                    for (int i = 0; i < PER_CONVERSATION_PER_ROUND; i++) {
                        order.add(c);
                    }
                }
                Collections.shuffle(order, random);
                int repliesThisRound = 0;
                for (int i = 0; i < order.size(); i++) {
                    int c = order.get(i);
                    stack.customerSends(tenant, Platform.TELEGRAM, customers.get(c), "Customer " + c, "m" + (++sent));
                    // Now and then an agent answers, in the middle of the burst, a conversation opened before it.
                    if (round > 0 && i % 40 == 39) {
                        stack.publish(Topics.GATEWAY_COMMANDS, reply(tenant, customers.get(c), ++replies));
                        repliesThisRound++;
                    }
                }
                int customerFrames = order.size();
                int replyFrames = repliesThisRound;
                // The burst: one new_customer_message per message, one conversation_updated per reply.
                for (int f = 0; f < customerFrames + replyFrames; f++) {
                    JsonNode frame = list.next(UnreadCountsEndToEndTest::countsShown);
                    checked++;
                    check(frame, indexOf, readMarks, wrong);
                }
                // Reads of a fifth of the conversations, each after the burst: conversation_updated with 0.
                List<Integer> read = new ArrayList<>();
                for (int c = round; c < CONVERSATIONS; c += ROUNDS) {
                    read.add(c);
                    stack.publish(
                            Topics.GATEWAY_COMMANDS,
                            new MarkReadRequested(
                                    UUID.randomUUID().toString(),
                                    Instant.now(),
                                    tenant,
                                    conversation(tenant, customers.get(c)),
                                    new Agent("7", "Sara")));
                }
                for (int c : read) {
                    String id = conversation(tenant, customers.get(c));
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> stack.count(
                                            "select count(*) from conversation_reads r join conversations c"
                                                    + " on c.id = r.conversation_id"
                                                    + " where r.conversation_id = ?::uuid"
                                                    + " and r.last_read_sequence = c.last_sequence",
                                            id)
                                    == 1);
                    readMarks[c] = stack.count(
                            "select last_read_sequence from conversation_reads where conversation_id = ?::uuid", id);
                }
                for (int f = 0; f < read.size(); f++) {
                    JsonNode frame = list.next(UnreadCountsEndToEndTest::countsShown);
                    checked++;
                    check(frame, indexOf, readMarks, wrong);
                    assertThat(frame.path("conversation").path("unread_count").asLong())
                            .isZero();
                }
                // The list, as an agent's app asks for it after the round.
                list.send("{\"type\":\"get_conversations\",\"page_size\":100}");
                for (JsonNode entry : list.next("conversations_list").path("conversations")) {
                    checked++;
                    check(entry, entry, indexOf, readMarks, wrong);
                }
            }
        }
        assertThat(wrong).as("counts shown that differ from a recount").isEmpty();
        // Served from Streams, topped up: how often Streams' count was used, and what the database added to it.
        double fromStreams = metric("fiko.unread.counts.served?tag=source:streams", "COUNT");
        double fromDatabase = metric("fiko.unread.counts.served?tag=source:database", "COUNT");
        System.out.printf(
                "Unread counts served: %.0f from Streams (topped up %.0f times, %.0f messages in all, at most %.0f),"
                        + " %.0f by the database alone%n",
                fromStreams,
                metric("fiko.unread.counts.topped.up", "COUNT"),
                metric("fiko.unread.counts.topped.up", "TOTAL"),
                new PrometheusText(RunningStack.prometheus(stack.messageService()))
                        .sum("fiko_unread_counts_topped_up_max"),
                fromDatabase);
        assertThat(fromStreams).as("counts served from Streams").isGreaterThan(fromDatabase);
        assertThat(checked).isGreaterThanOrEqualTo(ROUNDS * (CONVERSATIONS * (PER_CONVERSATION_PER_ROUND + 1) + 10));
        assertThat(stack.count(
                        "select count(*) from messages m join conversations c on c.id = m.conversation_id"
                                + " where c.tenant_id = ? and m.type = 'customer'",
                        tenant))
                .isEqualTo(1_000);
    }

    private double metric(String nameAndTag, String statistic) {
        var answer = stack.messageServiceApi(
                "GET", "/actuator/metrics/" + nameAndTag, RunningStack.token("operators", "1", "Ops"), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode measurement :
                net.fiko.events.EventJson.mapper().readTree(answer.body()).path("measurements")) {
            if (measurement.path("statistic").asString().equals(statistic)) {
                return measurement.path("value").asDouble();
            }
        }
        throw new AssertionError("No " + statistic + " in " + answer.body());
    }

    private static boolean countsShown(JsonNode frame) {
        String type = frame.path("type").asString();
        return type.equals("new_customer_message") || type.equals("conversation_updated");
    }

    private void check(JsonNode frame, Map<String, Integer> indexOf, long[] readMarks, List<String> wrong) {
        check(frame, frame.path("conversation"), indexOf, readMarks, wrong);
    }

    private void check(
            JsonNode frame, JsonNode conversation, Map<String, Integer> indexOf, long[] readMarks, List<String> wrong) {
        String id = conversation.path("id").asString();
        long upTo = conversation.path("last_message").path("sequence").asLong();
        long readMark = readMarks[indexOf.get(id)];
        long recount = stack.count(
                "select count(*) from messages where conversation_id = ?::uuid and type = 'customer'"
                        + " and sequence > ? and sequence <= ?",
                id,
                readMark,
                upTo);
        long shown = conversation.path("unread_count").asLong();
        if (shown != recount) {
            wrong.add(frame.path("type").asString("list entry") + " of " + id + " up to " + upTo + ": shown " + shown
                    + ", recounted " + recount + " (read up to " + readMark + ")");
        }
    }

    private static String conversation(String tenant, String customer) {
        return ConversationIds.forCustomer(tenant, Platform.TELEGRAM, "ch-telegram", customer);
    }

    private static MessageSendRequested reply(String tenant, String customer, int n) {
        return new MessageSendRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation(tenant, customer),
                new Agent("7", "Sara"),
                "Reply " + n,
                "reply-" + n,
                "gw-test");
    }
}
