package net.fiko.message.unread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventSerde;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Topics;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.conversation.MessagesRead;
import net.fiko.events.unread.UnreadCountChanged;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnreadCountTopologyTest {

    TopologyTestDriver driver;
    TestInputTopic<String, ConversationEvent> events;
    TestOutputTopic<String, UnreadCountChanged> counts;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        UnreadCountTopology.build(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "unread-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(
                StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/unread-" + UUID.randomUUID());
        driver = new TopologyTestDriver(builder.build(), config);
        events = driver.createInputTopic(
                Topics.CONVERSATION_EVENTS.name(),
                Serdes.String().serializer(),
                EventSerde.of(Topics.CONVERSATION_EVENTS));
        counts = driver.createOutputTopic(
                Topics.UNREAD_COUNTS.name(), Serdes.String().deserializer(), EventSerde.of(Topics.UNREAD_COUNTS));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldCountEachCustomerMessageOfAConversation() {
        customer("c1", 1);
        customer("c1", 2);
        customer("c1", 3);

        assertThat(counts()).containsExactly(KeyValue.pair("c1", 1L), KeyValue.pair("c1", 2L), KeyValue.pair("c1", 3L));
        assertThat(counts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNotCountAgentsMessagesNorARepeatedMessage() {
        customer("c1", 1);
        customer("c1", 1);
        support("c1", 2);
        customer("c1", 3);

        assertThat(counts()).containsExactly(KeyValue.pair("c1", 1L), KeyValue.pair("c1", 2L));
    }

    @Test
    void shouldLeaveTheStoreAsItWasForAnAgentsMessage() {
        customer("c1", 1);
        support("c1", 2);

        assertThat(driver.<String, UnreadState>getKeyValueStore(UnreadCountTopology.STORE)
                        .get("c1"))
                .isEqualTo(new UnreadState("t1", 1, 1, 0));
    }

    @Test
    void shouldResetToZeroWhenAnAgentReadsAndCountAgainAfterwards() {
        customer("c1", 1);
        customer("c1", 2);
        read("c1", 2);
        customer("c1", 3);

        assertThat(counts())
                .containsExactly(
                        KeyValue.pair("c1", 1L),
                        KeyValue.pair("c1", 2L),
                        KeyValue.pair("c1", 0L),
                        KeyValue.pair("c1", 1L));
    }

    @Test
    void shouldIgnoreARepeatedOrStaleRead() {
        customer("c1", 1);
        read("c1", 1);
        customer("c1", 2);
        read("c1", 1);

        assertThat(counts()).containsExactly(KeyValue.pair("c1", 1L), KeyValue.pair("c1", 0L), KeyValue.pair("c1", 1L));
    }

    @Test
    void shouldCountConversationsApartAndCarryTheTenant() {
        customer("c1", 1);
        customer("c2", 1);
        customer("c1", 2);

        List<KeyValue<String, UnreadCountChanged>> out = counts.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key + "=" + kv.value.unreadCount()).containsExactly("c1=1", "c2=1", "c1=2");
        assertThat(out).allSatisfy(kv -> {
            assertThat(kv.value.tenantId()).isEqualTo("t1");
            assertThat(kv.value.conversationId()).isEqualTo(kv.key);
        });
        assertThat(driver.<String, UnreadState>getKeyValueStore(UnreadCountTopology.STORE)
                        .get("c1")
                        .unread())
                .isEqualTo(2);
    }

    @Test
    void everyCountShouldCarryTheSequenceAndReadMarkItIncludesAndReachTheGlobalStore() {
        customer("c1", 1);
        support("c1", 2);
        customer("c1", 3);
        read("c1", 3);
        read("c1", 4); // nothing left to read, yet the read mark moved: published all the same

        assertThat(counts.readValuesToList())
                .extracting(UnreadCountChanged::unreadCount, UnreadCountChanged::sequence, UnreadCountChanged::readUpTo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple(2L, 3L, 0L),
                        org.assertj.core.groups.Tuple.tuple(0L, 3L, 3L),
                        org.assertj.core.groups.Tuple.tuple(0L, 4L, 4L));
        UnreadCountChanged latest = driver.<String, UnreadCountChanged>getKeyValueStore(UnreadCountTopology.LATEST)
                .get("c1");
        assertThat(latest.sequence()).isEqualTo(4);
        assertThat(latest.readUpTo()).isEqualTo(4);
    }

    private List<KeyValue<String, Long>> counts() {
        return counts.readKeyValuesToList().stream()
                .map(kv -> KeyValue.pair(kv.key, kv.value.unreadCount()))
                .toList();
    }

    private void customer(String conversation, long sequence) {
        created(conversation, sequence, MessageType.CUSTOMER);
    }

    private void support(String conversation, long sequence) {
        created(conversation, sequence, MessageType.SUPPORT);
    }

    private void created(String conversation, long sequence, MessageType type) {
        var message = new Message(
                UUID.randomUUID().toString(),
                conversation,
                sequence,
                type,
                "m" + sequence,
                List.of(),
                null,
                null,
                null,
                null,
                DeliveryStatus.DELIVERED,
                Instant.now());
        events.pipeInput(
                conversation,
                new MessageCreated(UUID.randomUUID().toString(), Instant.now(), "t1", conversation, message));
    }

    private void read(String conversation, long upTo) {
        events.pipeInput(
                conversation,
                new MessagesRead(
                        UUID.randomUUID().toString(), Instant.now(), "t1", conversation, new Agent("1", "Sara"), upTo));
    }
}
