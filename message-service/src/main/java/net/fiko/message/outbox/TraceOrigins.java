package net.fiko.message.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.fiko.support.observability.Traces;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The traces of the records a batch listener applies together, by record key (the conversation), so the events their
 * transaction appends to the outbox continue each conversation's own trace rather than none: a poll is applied in one
 * transaction, where no single trace is current. Two records of one conversation in one poll continue the later's.
 */
public final class TraceOrigins {

    private static final ThreadLocal<Map<String, String>> BY_KEY = new ThreadLocal<>();

    private TraceOrigins() {}

    /** Runs {@code work} with the traces of {@code records} known to the outbox appends it makes on this thread. */
    public static <X> X within(List<? extends ConsumerRecord<String, ?>> records, Supplier<X> work) {
        Map<String, String> byKey = new HashMap<>();
        for (ConsumerRecord<String, ?> record : records) {
            String parent = Traces.of(record);
            if (parent != null && record.key() != null) {
                byKey.put(record.key(), parent);
            }
        }
        Map<String, String> outer = BY_KEY.get();
        BY_KEY.set(byKey);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                BY_KEY.remove();
            } else {
                BY_KEY.set(outer);
            }
        }
    }

    /** The trace of the record keyed {@code key} being applied on this thread, or null. */
    static String of(String key) {
        Map<String, String> byKey = BY_KEY.get();
        return byKey == null ? null : byKey.get(key);
    }
}
