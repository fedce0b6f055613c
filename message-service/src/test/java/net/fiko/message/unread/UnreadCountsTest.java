package net.fiko.message.unread;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.unread.UnreadCountChanged;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Kafka Streams unread counts on a real broker agree with a recount in PostgreSQL. */
// Closed after the class: a context left running would go on consuming the shared topics during later tests.
@DirtiesContext
@SpringBootTest(properties = "spring.config.name=message-service")
class UnreadCountsTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "unread_counts");
    }

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    net.fiko.message.conversation.UnreadCounts unreadCounts;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void everyUnreadCountShouldEqualARecountInTheDatabaseAfterMixedMessagesAndReads() {
        String tenant = "tenant-" + UUID.randomUUID();
        List<String> customers = List.of("101", "102", "103");
        try (var counts = new TopicRecorder<>(Topics.UNREAD_COUNTS)) {
            int messageId = 0;
            for (int round = 0; round < 6; round++) {
                for (int c = 0; c < customers.size(); c++) {
                    for (int i = 0; i <= c; i++) {
                        publish(Topics.INBOUND_MESSAGES, customerMessage(tenant, customers.get(c), ++messageId));
                    }
                    if ((round + c) % 3 == 0) {
                        publish(
                                Topics.GATEWAY_COMMANDS,
                                new MarkReadRequested(
                                        UUID.randomUUID().toString(),
                                        Instant.now(),
                                        tenant,
                                        conversation(tenant, customers.get(c)),
                                        new Agent("7", "Sara")));
                    }
                }
            }
            int total = messageId;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from messages m join conversations c on c.id = m.conversation_id"
                                            + " where c.tenant_id = ? and m.type = 'customer'",
                                    Long.class,
                                    tenant)
                            == total);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Long> latest = new HashMap<>();
                counts.matching(UnreadCountChanged.class, e -> e.tenantId().equals(tenant))
                        .forEach(e -> latest.put(e.conversationId(), e.unreadCount()));
                Map<String, Long> expected = new HashMap<>();
                for (String customer : customers) {
                    expected.put(conversation(tenant, customer), recount(tenant, customer));
                }
                org.assertj.core.api.Assertions.assertThat(latest).isEqualTo(expected);
            });

            // Once the global store has caught up, the counts message-service serves are the topology's, with
            // nothing left for the database to add, and equal to a recount.
            List<UUID> ids = customers.stream()
                    .map(customer -> UUID.fromString(conversation(tenant, customer)))
                    .toList();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                double fromStreams = served("streams");
                double toppedUp = meters.summary("fiko.unread.counts.topped.up").totalAmount();
                Map<UUID, Long> shown = unreadCounts.of(ids);
                org.assertj.core.api.Assertions.assertThat(served("streams") - fromStreams)
                        .isEqualTo(ids.size());
                org.assertj.core.api.Assertions.assertThat(
                                meters.summary("fiko.unread.counts.topped.up").totalAmount())
                        .isEqualTo(toppedUp);
                for (String customer : customers) {
                    org.assertj.core.api.Assertions.assertThat(
                                    shown.get(UUID.fromString(conversation(tenant, customer))))
                            .isEqualTo(recount(tenant, customer));
                }
            });
        }
    }

    private double served(String source) {
        return meters.counter("fiko.unread.counts.served", "source", source).count();
    }

    private long recount(String tenant, String customer) {
        return jdbc.queryForObject("""
                select count(*) from messages m
                where m.conversation_id = ?::uuid and m.type = 'customer'
                  and m.sequence > coalesce(
                      (select r.last_read_sequence from conversation_reads r where r.conversation_id = m.conversation_id), 0)
                """, Long.class, conversation(tenant, customer));
    }

    private static String conversation(String tenant, String customer) {
        return ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, customer);
    }

    private static CustomerMessageReceived customerMessage(String tenant, String customer, int id) {
        return new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation(tenant, customer),
                "tg-1",
                Platform.TELEGRAM,
                customer,
                Integer.toString(id),
                new Customer(null, Platform.TELEGRAM, customer, "C" + customer, null, null),
                "message " + id,
                List.of(),
                Instant.now());
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event)).join();
    }
}
