package net.fiko.message.message;

import java.util.List;
import java.util.Objects;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads agents' commands, customers' messages and delivery results, each topic in a consumer group of its own
 * ({@code message-service.<listener>}). Each record (agents' commands: each poll's batch) is handled in a database
 * transaction; its offset is committed only after that transaction has committed. A record that is not a valid event is logged
 * and skipped, since no retry could ever make it valid.
 */
@Component
class MessageListeners {

    private static final Logger log = LoggerFactory.getLogger(MessageListeners.class);

    private final GatewayCommands commands;
    private final MessageIntake intake;
    private final DeliveryTracker deliveries;

    MessageListeners(GatewayCommands commands, MessageIntake intake, DeliveryTracker deliveries) {
        this.commands = commands;
        this.intake = intake;
        this.deliveries = deliveries;
    }

    /**
     * Agents' commands, a poll's worth at a time in one transaction. If that transaction fails, each command is
     * applied on its own, so one bad command cannot hold back the others; a command that still fails is retried by
     * the error handler, and nothing is committed past it.
     */
    @KafkaListener(
            id = "gateway-commands",
            groupId = "${spring.kafka.consumer.group-id}.gateway-commands",
            topics = "#{T(net.fiko.events.Topics).GATEWAY_COMMANDS.name()}",
            batch = "true")
    void onGatewayCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<GatewayCommand> batch = records.stream()
                .map(record -> EventRecords.read(record, GatewayCommand.class))
                .filter(Objects::nonNull)
                .toList();
        try {
            commands.applyAll(batch);
        } catch (RuntimeException e) {
            log.warn("A batch of {} commands failed ({}); applying them one at a time", batch.size(), e.toString());
            batch.forEach(commands::applyOne);
        }
    }

    @KafkaListener(
            id = "inbound-messages",
            groupId = "${spring.kafka.consumer.group-id}.inbound-messages",
            topics = "#{T(net.fiko.events.Topics).INBOUND_MESSAGES.name()}")
    void onInboundMessage(ConsumerRecord<String, byte[]> record) {
        InboundMessage inbound = EventRecords.read(record, InboundMessage.class);
        if (inbound instanceof CustomerMessageReceived received) {
            intake.receive(received);
        } else if (inbound instanceof CustomerMessageEdited edited) {
            intake.edit(edited);
        } else if (inbound instanceof BusinessMessageSent sent) {
            intake.recordBusinessMessage(sent);
        } else if (inbound instanceof CustomerProfileUpdated profile) {
            intake.updateProfile(profile);
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
