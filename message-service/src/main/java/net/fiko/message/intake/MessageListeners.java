package net.fiko.message.intake;

import jakarta.persistence.EntityManager;
import java.util.List;
import net.fiko.events.command.ConversationAssignmentRequested;
import net.fiko.events.command.ConversationStatusRequested;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.message.conversation.ConversationAliases;
import net.fiko.message.lifecycle.Assignments;
import net.fiko.message.lifecycle.ConversationLifecycle;
import net.fiko.message.lifecycle.TenantAgents;
import net.fiko.message.unread.ReadMarker;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.observability.LogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads agents' commands, customers' messages and delivery results, each topic in a consumer group of its own
 * ({@code message-service.<listener>}). Commands and inbound messages are applied a poll's batch per database
 * transaction, delivery results one per transaction; offsets are committed only after the transaction has committed.
 * A record that fails is retried while the failure is transient (the database away) and dead-lettered when it is the
 * record's own (not an event, or data PostgreSQL refuses), by the error handler every service shares.
 */
@Component
class MessageListeners {

    private final MessageIntake intake;
    private final AgentMessages agentMessages;
    private final CustomerMessages customerMessages;
    private final ReadMarker reads;
    private final ConversationLifecycle lifecycle;
    private final Assignments assignments;
    private final TenantAgents agents;
    private final ConversationAliases aliases;
    private final DeliveryTracker deliveries;
    private final PollTransactions transactions;
    private final EntityManager entities;

    MessageListeners(
            MessageIntake intake,
            AgentMessages agentMessages,
            CustomerMessages customerMessages,
            ReadMarker reads,
            ConversationLifecycle lifecycle,
            Assignments assignments,
            TenantAgents agents,
            ConversationAliases aliases,
            DeliveryTracker deliveries,
            PollTransactions transactions,
            EntityManager entities) {
        this.intake = intake;
        this.agentMessages = agentMessages;
        this.customerMessages = customerMessages;
        this.reads = reads;
        this.lifecycle = lifecycle;
        this.assignments = assignments;
        this.agents = agents;
        this.aliases = aliases;
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
        transactions.applyInOneTransaction(records, GatewayCommand.class, commands -> {
            agents.sawAll(commands);
            PollTransactions.inRuns(commands, MessageSendRequested.class, agentMessages::submitAll, this::apply);
        });
    }

    @KafkaListener(
            id = "inbound-messages",
            groupId = "${spring.kafka.consumer.group-id}.inbound-messages",
            topics = "#{T(net.fiko.events.Topics).INBOUND_MESSAGES.name()}",
            batch = "true")
    void onInboundMessages(List<ConsumerRecord<String, byte[]>> records) {
        transactions.applyInOneTransaction(
                records,
                InboundMessage.class,
                inbound -> PollTransactions.inRuns(
                        aliases.resolve(inbound),
                        CustomerMessageReceived.class,
                        received -> customerMessages.receiveAll(received).forEach(this::receive),
                        this::receive));
    }

    private void apply(GatewayCommand command) {
        try (var context = LogContext.of(command)) {
            applyOne(command);
        }
    }

    private void applyOne(GatewayCommand command) {
        if (command instanceof MarkReadRequested markRead) {
            reads.markRead(markRead);
        } else if (command instanceof ConversationStatusRequested change) {
            lifecycle.apply(change);
        } else if (command instanceof ConversationAssignmentRequested assignment) {
            assignments.apply(assignment);
        }
        forget();
    }

    private void receive(InboundMessage inbound) {
        try (var context = LogContext.of(inbound)) {
            receiveOne(inbound);
        }
    }

    private void receiveOne(InboundMessage inbound) {
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

    @KafkaListener(
            id = "delivery-results",
            groupId = "${spring.kafka.consumer.group-id}.delivery-results",
            topics = "#{T(net.fiko.events.Topics).DELIVERY_RESULTS.name()}")
    void onDeliveryResult(ConsumerRecord<String, byte[]> record) {
        DeliveryResult result = EventRecords.read(record, DeliveryResult.class);
        if (result != null) {
            try (var context = LogContext.of(result)) {
                deliveries.record(result);
            }
        }
    }
}
