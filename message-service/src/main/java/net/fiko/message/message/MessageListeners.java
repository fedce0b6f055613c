package net.fiko.message.message;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads agents' commands, customers' messages and delivery results, each topic in a consumer group of its own
 * ({@code message-service.<listener>}). Each record is handled in its own database transaction; its
 * offset is committed only after that transaction has committed. A record that is not a valid event is logged
 * and skipped, since no retry could ever make it valid.
 */
@Component
class MessageListeners {

    private final MessageIntake intake;
    private final ReadMarker reads;
    private final DeliveryTracker deliveries;

    MessageListeners(MessageIntake intake, ReadMarker reads, DeliveryTracker deliveries) {
        this.intake = intake;
        this.reads = reads;
        this.deliveries = deliveries;
    }

    @KafkaListener(
            id = "gateway-commands",
            groupId = "${spring.kafka.consumer.group-id}.gateway-commands",
            topics = "#{T(net.fiko.events.Topics).GATEWAY_COMMANDS.name()}")
    void onGatewayCommand(ConsumerRecord<String, byte[]> record) {
        GatewayCommand command = EventRecords.read(record, GatewayCommand.class);
        if (command instanceof MessageSendRequested send) {
            intake.submit(send);
        } else if (command instanceof MarkReadRequested markRead) {
            reads.markRead(markRead);
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
