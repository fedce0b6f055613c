package net.fiko.gateway.protocol;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Customer;
import net.fiko.events.Message;

/** The frames the gateway sends, in the shapes of the seed document (snake_case on the wire). */
public final class Frames {

    private Frames() {}

    /**
     * {@code {"type":"error","error":"…","message":"…"}}; {@code field} names the frame's field at fault and
     * {@code client_msg_id} the message that failed, where there is one (extensions a seed client ignores).
     */
    public record ErrorFrame(String type, String error, String message, String field, String clientMsgId) {}

    /**
     * {@code chat_message}: a message of the chat, to every subscriber, the sender included. For an agent's reply to a
     * Telegram or Instagram customer, {@code externalSendResult} carries the platform's answer.
     */
    public record ChatMessageFrame(String type, MessageView message, ExternalSendResult externalSendResult) {}

    /**
     * The platform's answer to an agent's message: {@code success}, {@code platform}, and when it failed
     * {@code error}, a reason for people. {@code status} is {@code sent}, {@code failed}, or {@code pending} when the
     * platform has not answered yet.
     */
    public record ExternalSendResult(boolean success, String platform, String error, String status) {}

    /** {@code message_edited} (an extension): a message of the chat now says something else; same id and sequence. */
    public record MessageEditedFrame(String type, MessageView message, Instant editedAt) {}

    /** {@code message_status}: a later change of a message's delivery state. */
    public record MessageStatusFrame(
            String type,
            String messageId,
            String conversationId,
            String status,
            ExternalSendResult externalSendResult) {}

    /** A message as the seed shows it, with the extensions the protocol decisions add. */
    public record MessageView(
            String id,
            String conversationId,
            long sequence,
            String content,
            String type,
            CustomerView customer,
            SenderView sender,
            List<Attachment> attachments,
            String clientMsgId,
            String status,
            Instant createdAt) {}

    /** {@code recent_messages}: messages of the chat, oldest first (on join, and for {@code load_more_messages}). */
    public record RecentMessagesFrame(
            String type, List<MessageView> messages, Instant timestamp, Boolean hasMore, Boolean recovered) {}

    /** {@code conversations_list}: a page of the tenant's conversations, most recently updated first. */
    public record ConversationsListFrame(
            String type, List<ConversationSnapshot> conversations, Instant timestamp, Pagination pagination) {}

    public record Pagination(int page, int pageSize, long total, boolean hasNext) {}

    /** {@code new_customer_message} on the list: a customer wrote; {@code conversation} is the list entry now. */
    public record NewCustomerMessageFrame(
            String type,
            String conversationId,
            MessageView message,
            Instant timestamp,
            ConversationSnapshot conversation) {}

    /** {@code conversation_updated} on the list: the entry changed (a reply, a read, a rename). */
    public record ConversationUpdatedFrame(String type, String conversationId, ConversationSnapshot conversation) {}

    /*
     * The user_id of typing_indicator, user_presence and messages_read keeps the JSON type of the token's claim, as
     * the seed shows it (a number where the claim is a number): Agent.userIdValue().
     */

    /** {@code typing_indicator}: another agent of the chat is typing, or stopped. */
    public record TypingIndicatorFrame(
            String type, Object userId, String username, boolean isTyping, String conversationId, Instant timestamp) {}

    /** {@code user_presence}: another agent opened the chat (first socket) or left it (last socket). */
    public record UserPresenceFrame(
            String type, Object userId, String username, boolean isOnline, String conversationId, Instant timestamp) {}

    /** {@code messages_read} in the chat: an agent read the conversation. */
    public record MessagesReadFrame(String type, Object userId, String conversationId, Instant timestamp) {}

    public record CustomerView(Long id, String firstName, String lastName, String username, String source) {}

    public record SenderView(String userId, String username) {}

    public static ErrorFrame error(ErrorCode code, String language) {
        return error(code, language, null, null);
    }

    public static ErrorFrame error(ErrorCode code, String language, String field, String clientMsgId) {
        return new ErrorFrame("error", code.error(), code.message(language), field, clientMsgId);
    }

    public static ChatMessageFrame chatMessage(Message message) {
        return new ChatMessageFrame("chat_message", view(message), null);
    }

    public static ChatMessageFrame chatMessage(Message message, ExternalSendResult result) {
        return new ChatMessageFrame("chat_message", view(message), result);
    }

    public static MessageStatusFrame messageStatus(String messageId, String conversationId, ExternalSendResult result) {
        return new MessageStatusFrame("message_status", messageId, conversationId, result.status(), result);
    }

    public static MessageView view(Message message) {
        return new MessageView(
                message.id(),
                message.conversationId(),
                message.sequence(),
                message.content(),
                message.type().wireName(),
                customer(message.customer()),
                message.sender() == null
                        ? null
                        : new SenderView(
                                message.sender().userId(), message.sender().username()),
                message.attachments(),
                message.clientMsgId(),
                message.status() == null ? null : message.status().wireName(),
                message.createdAt());
    }

    private static CustomerView customer(Customer customer) {
        return customer == null
                ? null
                : new CustomerView(
                        customer.id(),
                        customer.firstName(),
                        customer.lastName(),
                        customer.username(),
                        customer.source() == null ? null : customer.source().wireName());
    }
}
