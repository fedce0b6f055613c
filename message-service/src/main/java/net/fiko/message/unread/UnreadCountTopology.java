package net.fiko.message.unread;

import net.fiko.events.EventSerde;
import net.fiko.events.Topics;
import net.fiko.events.unread.UnreadCountChanged;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Unread counts per conversation, from the conversation stream to the compacted {@code fiko.unread.counts}: a
 * customer's message adds one, {@code messages_read} resets to zero. Every node and store is named, so the topology
 * keeps its state and internal topics when it changes.
 */
public final class UnreadCountTopology {

    public static final String STORE = "unread-counts";

    /**
     * The latest count of every conversation, read back from {@code fiko.unread.counts} into a global store: each
     * instance of message-service holds all of them, whichever partitions it counts, and serves them to
     * {@link net.fiko.message.conversation.UnreadCounts}.
     */
    public static final String LATEST = "unread-counts-latest";

    private UnreadCountTopology() {}

    public static void build(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new EventSerde<>(UnreadState.class)));
        builder.stream(
                        Topics.CONVERSATION_EVENTS.name(),
                        Consumed.with(
                                        Serdes.String(),
                                        Serdes.serdeFrom(
                                                new EventSerde<>(CountedEvent.class), new CountedEventReader()))
                                .withName("conversation-events"))
                .process(UnreadCounter::new, Named.as("unread-counter"), STORE)
                .to(
                        Topics.UNREAD_COUNTS.name(),
                        Produced.with(Serdes.String(), EventSerde.of(Topics.UNREAD_COUNTS))
                                .withName("unread-counts-out"));
        builder.globalTable(
                Topics.UNREAD_COUNTS.name(),
                Consumed.with(
                                Serdes.String(),
                                Serdes.serdeFrom(EventSerde.of(Topics.UNREAD_COUNTS), new LatestCountReader()))
                        .withName("unread-counts-in"),
                Materialized.<String, UnreadCountChanged>as(Stores.persistentKeyValueStore(LATEST))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(EventSerde.of(Topics.UNREAD_COUNTS)));
    }
}
