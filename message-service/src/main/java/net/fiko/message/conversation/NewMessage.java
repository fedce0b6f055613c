package net.fiko.message.conversation;

import java.util.List;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.MessageType;

/** A message about to be stored, before its conversation numbers it: what each kind of author brings. */
public record NewMessage(
        MessageType type,
        String content,
        List<Attachment> attachments,
        Agent sender,
        String clientMsgId,
        String platformMessageId,
        DeliveryStatus status) {

    /** A customer's message, from a connector: delivered, since it came from the platform. */
    public static NewMessage fromCustomer(String content, List<Attachment> attachments, String platformMessageId) {
        return new NewMessage(
                MessageType.CUSTOMER, content, attachments, null, null, platformMessageId, DeliveryStatus.DELIVERED);
    }

    /**
     * An agent's message, with the files the agent sent in it: pending until the platform answers, or delivered where
     * no platform carries it.
     */
    public static NewMessage fromAgent(
            Agent agent, String content, List<Attachment> attachments, String clientMsgId, DeliveryStatus status) {
        return new NewMessage(MessageType.SUPPORT, content, attachments, agent, clientMsgId, null, status);
    }

    /** A message the business sent from the platform's own app: a support message without an agent, already sent. */
    public static NewMessage fromBusinessApp(String content, List<Attachment> attachments, String platformMessageId) {
        return new NewMessage(
                MessageType.SUPPORT, content, attachments, null, null, platformMessageId, DeliveryStatus.SENT);
    }
}
