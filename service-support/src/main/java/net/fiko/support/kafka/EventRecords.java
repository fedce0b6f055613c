package net.fiko.support.kafka;

import net.fiko.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a record of a contract topic for a listener. A record that is not a valid event can never become one, so it is
 * logged and skipped rather than retried; an event type this version does not know is skipped quietly.
 */
public final class EventRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRecords.class);

    private EventRecords() {}

    /** The event, or {@code null} when the record is to be skipped. */
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
            log.warn(
                    "Skipped a malformed record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
