package net.fiko.message.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.message.outbox.TraceOrigins;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.kafka.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the listeners apply a poll: its events in one database transaction, and, should that fail, each in its own, so
 * one bad event holds back none of the others and goes alone to the error handler.
 */
@Component
class PollTransactions {

    private static final Logger log = LoggerFactory.getLogger(PollTransactions.class);

    /**
     * The longest text stored, in UTF-16 units: four times the longest a platform sends (Telegram's 4,096 characters)
     * and the gateway takes.
     */
    static final int MAX_CONTENT_LENGTH = 16_384;

    private final TransactionTemplate transactions;

    PollTransactions(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * A poll's worth of events in one database transaction: one commit (one disk flush) for the lot instead of one
     * each. If it fails, each event is applied in a transaction of its own, so one bad event cannot hold back the
     * others; the first that still fails goes to the error handler with its index in the poll: the offsets before it
     * are committed, and it is retried or dead-lettered by why it failed ({@code ListenerFailures}). A record that is
     * no event goes the same way, after the events before it are applied. Every event stays idempotent by its event
     * id, so applying some of a batch again changes nothing twice. The events appended meanwhile continue their
     * records' traces ({@link TraceOrigins}).
     */
    <T> void applyInOneTransaction(
            List<ConsumerRecord<String, byte[]>> records, Class<T> type, Consumer<List<T>> apply) {
        TraceOrigins.within(records, () -> {
            applyAll(records, type, apply);
            return null;
        });
    }

    private <T> void applyAll(List<ConsumerRecord<String, byte[]>> records, Class<T> type, Consumer<List<T>> apply) {
        List<T> events = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            T event;
            try {
                event = admitted(EventRecords.read(records.get(i), type));
            } catch (PoisonRecordException e) {
                apply(events, indexes, apply);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            if (event != null) {
                events.add(event);
                indexes.add(i);
            }
        }
        apply(events, indexes, apply);
    }

    /**
     * The event, unless its text is longer than any platform or client sends ({@link #MAX_CONTENT_LENGTH}): its
     * {@code message_created}, which carries the text twice (the message, and the conversation's last message), could
     * outgrow Kafka's record, and the outbox would hold every later event back behind it.
     */
    private static <T> T admitted(T event) {
        String content = event instanceof CustomerMessageReceived received
                ? received.content()
                : event instanceof CustomerMessageEdited edited
                        ? edited.content()
                        : event instanceof BusinessMessageSent sent
                                ? sent.content()
                                : event instanceof MessageSendRequested send ? send.content() : null;
        if (content != null && content.length() > MAX_CONTENT_LENGTH) {
            throw new PoisonRecordException(
                    "A message of " + content.length() + " characters, over the " + MAX_CONTENT_LENGTH + " stored");
        }
        return event;
    }

    private <T> void apply(List<T> events, List<Integer> indexes, Consumer<List<T>> apply) {
        if (events.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> apply.accept(events));
        } catch (RuntimeException e) {
            log.warn("A batch of {} events failed ({}); applying them one at a time", events.size(), e.toString());
            for (int i = 0; i < events.size(); i++) {
                T event = events.get(i);
                try {
                    transactions.executeWithoutResult(status -> apply.accept(List.of(event)));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(failure.toString(), failure, indexes.get(i));
                }
            }
        }
    }

    /**
     * Applies events in their order: each run of {@code type} together, through {@code run}, each other event alone,
     * after the run before it.
     */
    static <E, R extends E> void inRuns(List<E> events, Class<R> type, Consumer<List<R>> run, Consumer<E> alone) {
        List<R> pending = new ArrayList<>();
        for (E event : events) {
            if (type.isInstance(event)) {
                pending.add(type.cast(event));
            } else {
                if (!pending.isEmpty()) {
                    run.accept(List.copyOf(pending));
                    pending.clear();
                }
                alone.accept(event);
            }
        }
        if (!pending.isEmpty()) {
            run.accept(pending);
        }
    }
}
