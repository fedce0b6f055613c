package net.fiko.support.kafka;

import net.fiko.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a record of a contract topic for a listener. A record that is not a valid event can never become one: it fails
 * with {@link PoisonRecordException}, which the listeners' error handler sends to the dead-letter topic rather than
 * retrying it. An event type this version does not know is skipped quietly: a newer producer's, for a newer consumer.
 */
public final class EventRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRecords.class);

    private EventRecords() {}

    /**
     * The event, or {@code null} when it is of a type this version does not know.
     *
     * @throws PoisonRecordException when the record is not an event of the contract
     */
    public static <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            T event = EventJson.fromBytes(record.value(), type);
            if (event == null) {
                log.debug(
                        "Skipped an event of a type this version does not know at {}-{}@{}",
                        record.topic(),
                        record.partition(),
                        record.offset());
            }
            return event;
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("Not an event of " + record.topic() + ": " + e.getMessage(), e);
        }
    }
}
