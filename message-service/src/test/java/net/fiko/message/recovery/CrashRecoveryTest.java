package net.fiko.message.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.message.MessageServiceApplication;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import net.fiko.testsupport.TopicRecorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * message-service killed without warning (SIGKILL) in the middle of a stream of 1,000 customer messages, then
 * started again: every message is stored exactly once, announced exactly once after dropping repeated event ids,
 * and numbered without gaps. The service runs as a child process so the kill is real.
 */
class CrashRecoveryTest {

    static final int MESSAGES = 1_000;
    static final int CONVERSATIONS = 10;

    private final List<Process> processes = new ArrayList<>();
    private final PostgresServer postgres = TestServers.postgres();
    private final String database = postgres.newDatabase("crash_recovery");
    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String streamsId = "crash-" + UUID.randomUUID();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldStoreAndAnnounceEveryMessageExactlyOnceAcrossAnAbruptRestart() throws Exception {
        createTopics();
        try (var events = new TopicRecorder<>(Topics.CONVERSATION_EVENTS);
                var producer = new KafkaProducer<>(
                        Map.<String, Object>of(
                                "bootstrap.servers", TestServers.kafka().bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            Process first = startMessageService("first");
            for (int i = 0; i < MESSAGES / 2; i++) {
                send(producer, i);
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> storedRows() >= MESSAGES / 10);

            first.destroyForcibly().waitFor();
            long storedAtCrash = storedRows();
            for (int i = MESSAGES / 2; i < MESSAGES; i++) {
                send(producer, i);
            }
            producer.flush();
            startMessageService("second");

            await().atMost(Duration.ofSeconds(120)).until(() -> storedRows() == MESSAGES);
            assertThat(storedAtCrash).isLessThan(MESSAGES);

            Map<String, Long> sequencesByConversation = sequenceSummary();
            assertThat(sequencesByConversation)
                    .hasSize(CONVERSATIONS)
                    .allSatisfy((conversation, gaps) ->
                            assertThat(gaps).as("gaps in %s", conversation).isZero());

            Set<String> storedIds = storedMessageIds();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, String> eventIdByMessage = new HashMap<>();
                Set<String> seenEvents = new HashSet<>();
                for (MessageCreated created :
                        events.matching(MessageCreated.class, e -> e.tenantId().equals(tenant))) {
                    if (seenEvents.add(created.eventId())) {
                        String previous = eventIdByMessage.put(created.message().id(), created.eventId());
                        assertThat(previous)
                                .as(
                                        "a second event for message %s",
                                        created.message().id())
                                .isNull();
                    }
                }
                assertThat(eventIdByMessage.keySet()).isEqualTo(storedIds);
            });
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, int i) {
        String customer = "c" + (i % CONVERSATIONS);
        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, customer);
        var event = new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation,
                "tg-1",
                Platform.TELEGRAM,
                customer,
                "m" + i,
                new Customer(null, Platform.TELEGRAM, customer, customer, null, null),
                "message " + i,
                List.of(),
                Instant.now());
        producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.name(), conversation, EventJson.toBytes(event)));
    }

    private Process startMessageService(String name) throws Exception {
        Path log = Files.createTempFile("message-service-" + name, ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                MessageServiceApplication.class.getName(),
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestServers.kafka().bootstrapServers(),
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                "--spring.kafka.consumer.group-id=" + streamsId,
                "--spring.kafka.streams.application-id=" + streamsId,
                "--spring.kafka.streams.state-dir=" + System.getProperty("java.io.tmpdir") + File.separator + streamsId,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--fiko.jwt.secret=" + FikoTestProperties.JWT_SECRET,
                "--fiko.kafka.partitions=3",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--logging.level.org.springframework.kafka.listener=info"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private void createTopics() throws Exception {
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), 3, (short) 1).configs(t.configs()))
                    .toList();
            admin.createTopics(missing).all().get();
        }
    }

    private long storedRows() throws Exception {
        return query("select count(*) from messages" + ours(), rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /** Per conversation: how many sequence numbers are missing between 1 and the highest one. */
    private Map<String, Long> sequenceSummary() throws Exception {
        return query(
                "select conversation_id, max(sequence) - count(distinct sequence) from messages" + ours()
                        + " group by conversation_id",
                rows -> {
                    Map<String, Long> gaps = new HashMap<>();
                    while (rows.next()) {
                        gaps.put(rows.getString(1), rows.getLong(2));
                    }
                    return gaps;
                });
    }

    private Set<String> storedMessageIds() throws Exception {
        return query("select id from messages" + ours(), rows -> {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        });
    }

    /** The broker keeps other tests' messages, which this service also reads: count only this test's tenant. */
    private String ours() {
        return " where conversation_id in (select id from conversations where tenant_id = '" + tenant + "')";
    }

    private <T> T query(String sql, RowsReader<T> reader) throws Exception {
        try (Connection db = DriverManager.getConnection(database, postgres.username(), postgres.password());
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        }
    }

    private interface RowsReader<T> {
        T read(ResultSet rows) throws Exception;
    }
}
