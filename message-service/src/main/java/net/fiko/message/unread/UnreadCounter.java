package net.fiko.message.unread;

import java.util.UUID;
import net.fiko.events.MessageType;
import net.fiko.events.unread.UnreadCountChanged;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts a conversation's customer messages that no agent has read, and forwards the count whenever its state changes. The
 * events of one conversation arrive in order, so {@code messages_read} covers every message counted before it.
 */
class UnreadCounter implements Processor<String, CountedEvent, String, UnreadCountChanged> {

    private ProcessorContext<String, UnreadCountChanged> context;
    private KeyValueStore<String, UnreadState> store;

    @Override
    public void init(ProcessorContext<String, UnreadCountChanged> context) {
        this.context = context;
        this.store = context.getStateStore(UnreadCountTopology.STORE);
    }

    @Override
    public void process(Record<String, CountedEvent> record) {
        CountedEvent event = record.value();
        if (event == null || record.key() == null) {
            return;
        }
        UnreadState before = store.get(record.key());
        if (before == null) {
            before = UnreadState.empty(event.tenantId());
        }
        UnreadState after = next(before, event);
        if (after.equals(before)) {
            return;
        }
        store.put(record.key(), after);
        // Every change is published, an unchanged count too, with the sequence and read mark it includes: whoever
        // serves a count from this topic can tell how far it goes (see UnreadCountsFromStreams).
        context.forward(record.withValue(new UnreadCountChanged(
                UUID.randomUUID().toString(),
                event.occurredAt(),
                event.tenantId(),
                record.key(),
                after.unread(),
                after.lastSequence(),
                after.readUpTo())));
    }

    static UnreadState next(UnreadState state, CountedEvent event) {
        if (CountedEvent.MESSAGE_CREATED.equals(event.type()) && event.message() != null) {
            long sequence = event.message().sequence();
            if (sequence <= state.lastSequence()) {
                return state;
            }
            if (event.message().type() != MessageType.CUSTOMER) {
                // An agent's message counts for nothing, so nothing is written: no store update, no changelog record.
                return state;
            }
            boolean unread = sequence > state.readUpTo();
            return new UnreadState(state.tenantId(), state.unread() + (unread ? 1 : 0), sequence, state.readUpTo());
        }
        if (CountedEvent.MESSAGES_READ.equals(event.type())
                && event.upToSequence() != null
                && event.upToSequence() > state.readUpTo()) {
            long upTo = event.upToSequence();
            return new UnreadState(state.tenantId(), 0, Math.max(state.lastSequence(), upTo), upTo);
        }
        return state;
    }
}
