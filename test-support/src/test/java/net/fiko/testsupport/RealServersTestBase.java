package net.fiko.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What every kind of test server must do; one subclass per kind. */
abstract class RealServersTestBase {

    /** Where this run's Kafka and PostgreSQL come from. */
    abstract ServerKind servers();

    private KafkaServer kafka() {
        return TestServers.kafka(servers());
    }

    private PostgresServer postgres() {
        return TestServers.postgres(servers());
    }

    @Test
    void kafkaShouldKeepWhatIsProducedForAConsumer() throws Exception {
        String topic = "test-support-" + UUID.randomUUID();
        String bootstrap = kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "group.id", topic, "auto.offset.reset", "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records).extracting(r -> r.value()).containsExactly("hello");
        }
    }

    @Test
    void postgresShouldGiveEachCallerAFreshDatabase() throws Exception {
        String first = postgres().newDatabase("support");
        String second = postgres().newDatabase("support");
        assertThat(first).isNotEqualTo(second);

        try (Connection connection = DriverManager.getConnection(
                        first, postgres().username(), postgres().password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (body text)");
            statement.execute("INSERT INTO note VALUES ('kept')");
            try (ResultSet rows = statement.executeQuery("SELECT body, version() FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
                assertThat(rows.getString(2)).startsWith("PostgreSQL");
            }
        }
        try (Connection connection = DriverManager.getConnection(
                        second, postgres().username(), postgres().password());
                ResultSet tables = connection.getMetaData().getTables(null, "public", "note", null)) {
            assertThat(tables.next()).isFalse();
        }
    }
}
