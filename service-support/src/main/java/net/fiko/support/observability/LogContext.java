package net.fiko.support.observability;

import java.util.ArrayList;
import java.util.List;
import net.fiko.events.FikoEvent;
import org.slf4j.MDC;

/**
 * Whose work a thread is doing, in the MDC of the log lines it writes meanwhile: {@link #TENANT}, {@link
 * #CONVERSATION}, {@link #USER}, {@link #EVENT} (beside the {@code traceId} and {@code spanId} tracing puts there). In
 * JSON logs each is a field of its own; closing restores what the MDC held before, so contexts nest. Only ids: never a
 * name, a text or a token.
 */
public final class LogContext implements AutoCloseable {

    public static final String TENANT = "tenant";
    public static final String CONVERSATION = "conversation";
    public static final String USER = "user";
    public static final String EVENT = "event";

    private final List<String[]> previous = new ArrayList<>(4);

    private LogContext() {}

    /** The tenant, conversation and event id of an event of the contract. */
    public static LogContext of(FikoEvent event) {
        return of(TENANT, event.tenantId(), CONVERSATION, event.conversationId(), EVENT, event.eventId());
    }

    /** Puts each key with its value (pairs; a null value is left out) until {@link #close}. */
    public static LogContext of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Keys and values come in pairs");
        }
        LogContext context = new LogContext();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            if (value != null) {
                context.previous.add(new String[] {keysAndValues[i], MDC.get(keysAndValues[i])});
                MDC.put(keysAndValues[i], value);
            }
        }
        return context;
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            String[] entry = previous.get(i);
            if (entry[1] == null) {
                MDC.remove(entry[0]);
            } else {
                MDC.put(entry[0], entry[1]);
            }
        }
        previous.clear();
    }
}
