package net.fiko.gateway.fanout;

import java.util.Collection;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.conversation.ConversationAssigned;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.ConversationStatusChanged;
import net.fiko.events.conversation.ConversationUpdated;
import net.fiko.events.conversation.CustomerErased;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.conversation.MessageEdited;
import net.fiko.events.conversation.MessagesRead;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.hub.SessionRegistry;
import net.fiko.gateway.protocol.ConversationFrames;
import net.fiko.gateway.protocol.Frames;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.observability.LogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * Routes each event of the conversation stream to this instance's sockets that should see it. Every gateway
 * instance reads the whole stream; a frame is serialized once, whatever the number of sockets.
 */
@Component
class ConversationFanout implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ConversationFanout.class);

    private final SessionRegistry sessions;
    private final DeliveryWait deliveries;
    private final DeliveredSequences delivered = new DeliveredSequences(200_000);

    ConversationFanout(SessionRegistry sessions, DeliveryWait deliveries) {
        this.sessions = sessions;
        this.deliveries = deliveries;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        ConversationEvent event = EventRecords.read(record, ConversationEvent.class);
        if (event == null) {
            return;
        }
        try (var context = LogContext.of(event)) {
            route(event);
        }
    }

    private void route(ConversationEvent event) {
        if (event instanceof MessageCreated created) {
            Message message = created.message();
            if (!delivered.firstTime(created.conversationId(), message.sequence())) {
                return;
            }
            log.debug(
                    "Message {} of conversation {} to this instance's sockets",
                    message.sequence(),
                    created.conversationId());
            toList(created, message);
            if (awaitsPlatform(message)) {
                deliveries.hold(
                        message,
                        frame -> broadcast(
                                sessions.chat(created.tenantId(), created.conversationId()),
                                frame,
                                message.sequence()));
            } else {
                deliveries.pass(
                        created.conversationId(),
                        () -> broadcast(
                                sessions.chat(created.tenantId(), created.conversationId()),
                                Frames.chatMessage(message),
                                message.sequence()));
            }
        } else if (event instanceof MessageEdited edited) {
            broadcast(
                    sessions.chat(edited.tenantId(), edited.conversationId()),
                    new Frames.MessageEditedFrame("message_edited", Frames.view(edited.message()), edited.editedAt()),
                    -1);
        } else if (event instanceof DeliveryUpdated updated) {
            deliveries.answered(
                    updated,
                    frame -> broadcast(sessions.chat(updated.tenantId(), updated.conversationId()), frame, -1));
        } else if (event instanceof MessagesRead read) {
            toChatAndList(
                    read,
                    new Frames.MessagesReadFrame(
                            "messages_read", read.agent().userIdValue(), read.conversationId(), read.occurredAt()),
                    read.conversation());
        } else if (event instanceof ConversationUpdated updated) {
            listUpdate(updated.tenantId(), updated.conversationId(), updated.conversation());
        } else if (event instanceof ConversationAssigned assigned) {
            toChatAndList(assigned, ConversationFrames.ConversationAssignedFrame.of(assigned), assigned.conversation());
        } else if (event instanceof CustomerErased erased) {
            listUpdate(erased.tenantId(), erased.conversationId(), erased.conversation());
        } else if (event instanceof ConversationStatusChanged changed) {
            toChatAndList(
                    changed, ConversationFrames.ConversationStatusChangedFrame.of(changed), changed.conversation());
        }
    }

    /** The tenant's list sockets learn of every message: the customer's as new_customer_message. */
    private void toList(MessageCreated created, Message message) {
        if (message.type() == MessageType.CUSTOMER) {
            broadcast(
                    sessions.lists(created.tenantId()),
                    new Frames.NewCustomerMessageFrame(
                            "new_customer_message",
                            created.conversationId(),
                            Frames.view(message),
                            created.occurredAt(),
                            created.conversation()),
                    -1);
        } else {
            listUpdate(created.tenantId(), created.conversationId(), created.conversation());
        }
    }

    /** A change the chat's sockets hear of in a frame of its own, and the tenant's lists as the entry it left. */
    private void toChatAndList(ConversationEvent event, Object chatFrame, ConversationSnapshot conversation) {
        broadcast(sessions.chat(event.tenantId(), event.conversationId()), chatFrame, -1);
        listUpdate(event.tenantId(), event.conversationId(), conversation);
    }

    private void listUpdate(String tenantId, String conversationId, ConversationSnapshot conversation) {
        broadcast(
                sessions.lists(tenantId),
                new Frames.ConversationUpdatedFrame("conversation_updated", conversationId, conversation),
                -1);
    }

    /** An agent's reply to a Telegram or Instagram customer, not yet confirmed by the platform. */
    private static boolean awaitsPlatform(Message message) {
        return message.type() == MessageType.SUPPORT
                && message.status() == DeliveryStatus.PENDING
                && message.customer() != null
                && message.customer().source() != Platform.WEB;
    }

    private static void broadcast(Collection<ClientSession> targets, Object frame, long sequence) {
        if (targets.isEmpty()) {
            return;
        }
        TextMessage text = new TextMessage(EventJson.toBytes(frame));
        for (ClientSession session : targets) {
            session.deliver(text, sequence);
        }
    }
}
