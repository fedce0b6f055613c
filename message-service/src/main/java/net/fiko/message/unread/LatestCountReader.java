package net.fiko.message.unread;

import net.fiko.events.EventSerde;
import net.fiko.events.Topics;
import net.fiko.events.unread.UnreadCountChanged;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code fiko.unread.counts} into the global store. A record that is no count is read as none (the store forgets
 * that conversation's count, and its next count is served by the database until Streams publishes one): the global
 * thread would otherwise stop on it, and every instance's counts with it.
 */
final class LatestCountReader implements Deserializer<UnreadCountChanged> {

    private static final Logger log = LoggerFactory.getLogger(LatestCountReader.class);

    private final Deserializer<UnreadCountChanged> events = EventSerde.of(Topics.UNREAD_COUNTS);

    @Override
    public UnreadCountChanged deserialize(String topic, byte[] data) {
        try {
            return events.deserialize(topic, data);
        } catch (SerializationException | IllegalArgumentException e) {
            log.warn("Not an unread count on {}, read as none: {}", topic, e.toString());
            return null;
        }
    }
}
