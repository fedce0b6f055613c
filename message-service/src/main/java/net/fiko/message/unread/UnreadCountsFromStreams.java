package net.fiko.message.unread;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.unread.UnreadCountChanged;
import net.fiko.message.conversation.UnreadCounts;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The topology's latest counts, read from the global store every instance holds (an interactive query). While the
 * application starts, restores or stopped, there are none: every count is then the database's.
 */
@Component
class UnreadCountsFromStreams implements UnreadCounts.Streamed {

    private final StreamsBuilderFactoryBean streams;

    UnreadCountsFromStreams(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Map<UUID, UnreadCounts.Counted> of(Collection<UUID> conversations) {
        Map<UUID, UnreadCounts.Counted> counts = new HashMap<>();
        ReadOnlyKeyValueStore<String, UnreadCountChanged> store = store();
        if (store == null) {
            return counts;
        }
        try {
            for (UUID id : conversations) {
                UnreadCountChanged latest = store.get(id.toString());
                if (latest != null && latest.sequence() != null && latest.readUpTo() != null) {
                    counts.put(
                            id, new UnreadCounts.Counted(latest.unreadCount(), latest.sequence(), latest.readUpTo()));
                }
            }
        } catch (InvalidStateStoreException e) {
            return Map.of(); // the store closed under us: a rebalance or a stop
        }
        return counts;
    }

    private ReadOnlyKeyValueStore<String, UnreadCountChanged> store() {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null || !running.state().isRunningOrRebalancing()) {
            return null;
        }
        try {
            return running.store(StoreQueryParameters.fromNameAndType(
                    UnreadCountTopology.LATEST, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
