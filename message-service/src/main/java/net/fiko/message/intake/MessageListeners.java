package net.fiko.message.intake;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.message.unread.ReadMarker;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.kafka.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads agents' commands, customers' messages and delivery results, each topic in a consumer group of its own
 * ({@code message-service.<listener>}). Commands and inbound messages are applied a poll's batch per database
 * transaction, delivery results one per transaction; offsets are committed only after the transaction has committed.
 * A record that fails is retried while the failure is transient (the database away) and dead-lettered when it is the
 * record's own (not an event, or data PostgreSQL refuses), by the error handler every service shares.
 */
@Component
class MessageListeners {

    private static final Logger log = LoggerFactory.getLogger(MessageListeners.class);

    /**
     * The longest text stored, in UTF-16 units: four times the longest a platform sends (Telegram's 4,096 characters)
     * and the gateway takes.
     */
    static final int MAX_CONTENT_LENGTH = 16_384;

    private final MessageIntake intake;
    private final AgentMessages agentMessages;
    private final CustomerMessages customerMessages;
    private final ReadMarker reads;
    private final DeliveryTracker deliveries;
    private final TransactionTemplate transactions;
    private final EntityManager entities;

    MessageListeners(
            MessageIntake intake,
            AgentMessages agentMessages,
            CustomerMessages customerMessages,
            ReadMarker reads,
            DeliveryTracker deliveries,
            TransactionTemplate transactions,
            EntityManager entities) {
        this.intake = intake;
        this.agentMessages = agentMessages;
        this.customerMessages = customerMessages;
        this.reads = reads;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.entities = entities;
    }

    @KafkaListener(
            id = "gateway-commands",
            groupId = "${spring.kafka.consumer.group-id}.gateway-commands",
            topics = "#{T(net.fiko.events.Topics).GATEWAY_COMMANDS.name()}",
            batch = "true")
    void onGatewayCommands(List<ConsumerRecord<String, byte[]>> records) {
        applyInOneTransaction(
                records,
                GatewayCommand.class,
                commands -> inRuns(commands, MessageSendRequested.class, agentMessages::submitAll, this::apply));
    }

    @KafkaListener(
            id = "inbound-messages",
            groupId = "${spring.kafka.consumer.group-id}.inbound-messages",
            topics = "#{T(net.fiko.events.Topics).INBOUND_MESSAGES.name()}",
            batch = "true")
    void onInboundMessages(List<ConsumerRecord<String, byte[]>> records) {
        applyInOneTransaction(
                records,
                InboundMessage.class,
                inbound -> inRuns(
                        inbound,
                        CustomerMessageReceived.class,
                        received -> customerMessages.receiveAll(received).forEach(this::receive),
                        this::receive));
    }

    /**
     * Applies events in their order: each run of {@code type} together, through {@code run}, each other event alone,
     * after the run before it.
     */
    private static <E, R extends E> void inRuns(
            List<E> events, Class<R> type, Consumer<List<R>> run, Consumer<E> alone) {
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

    private void apply(GatewayCommand command) {
        if (command instanceof MarkReadRequested markRead) {
            reads.markRead(markRead);
            forget();
        }
    }

    private void receive(InboundMessage inbound) {
        if (inbound instanceof CustomerMessageReceived received) {
            intake.receive(received);
        } else if (inbound instanceof CustomerMessageEdited edited) {
            intake.edit(edited);
        } else if (inbound instanceof BusinessMessageSent sent) {
            intake.recordBusinessMessage(sent);
        } else if (inbound instanceof CustomerProfileUpdated profile) {
            intake.updateProfile(profile);
        }
        forget();
    }

    /**
     * Writes what the persistence context holds and forgets it: every query flushes the context first, and one that
     * grew with the batch would make each event dearer than the one before.
     */
    private void forget() {
        entities.flush();
        entities.clear();
    }

    /**
     * A poll's worth of events in one database transaction: one commit (one disk flush) for the lot instead of one
     * each. If it fails, each event is applied in a transaction of its own, so one bad event cannot hold back the
     * others; the first that still fails goes to the error handler with its index in the poll: the offsets before it
     * are committed, and it is retried or dead-lettered by why it failed ({@code ListenerFailures}). A record that is
     * no event goes the same way, after the events before it are applied. Every event stays idempotent by its event
     * id, so applying some of a batch again changes nothing twice.
     */
    private <T> void applyInOneTransaction(
            List<ConsumerRecord<String, byte[]>> records, Class<T> type, Consumer<List<T>> apply) {
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

    @KafkaListener(
            id = "delivery-results",
            groupId = "${spring.kafka.consumer.group-id}.delivery-results",
            topics = "#{T(net.fiko.events.Topics).DELIVERY_RESULTS.name()}")
    void onDeliveryResult(ConsumerRecord<String, byte[]> record) {
        DeliveryResult result = EventRecords.read(record, DeliveryResult.class);
        if (result != null) {
            deliveries.record(result);
        }
    }
}
