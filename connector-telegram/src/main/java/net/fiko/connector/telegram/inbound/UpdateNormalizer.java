package net.fiko.connector.telegram.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.events.Attachment;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.Platform;
import net.fiko.events.StorableJson;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import tools.jackson.databind.JsonNode;

/**
 * Turns a Telegram update into the contract's {@code customer_message_received}, or an {@code edited_message} into
 * {@code customer_message_edited} (same {@code message_id}, {@code edit_date}): private chats only; text or caption;
 * media as attachments ({@link UpdateAttachments}); 64-bit chat
 * ids kept as strings. The event id derives from the channel and {@code update_id}, so a resent update
 * is the same event.
 */
final class UpdateNormalizer {

    private UpdateNormalizer() {}

    static Optional<InboundMessage> normalize(Channel channel, JsonNode update, Instant now) {
        return normalize(channel, update, now, null);
    }

    /**
     * As {@link #normalize(Channel, JsonNode, Instant)}, each file given the URL the agent's app opens it at: {@code
     * <mediaBaseUrl>/<channel id>/<file id>}, the connector's media endpoint ({@code TelegramMediaController}).
     */
    static Optional<InboundMessage> normalize(Channel channel, JsonNode update, Instant now, String mediaBaseUrl) {
        StorableJson.clean(update);
        JsonNode edited = update.get("edited_message");
        JsonNode message = edited != null ? edited : update.get("message");
        if (message == null
                || !"private".equals(message.path("chat").path("type").asString(""))) {
            return Optional.empty();
        }
        JsonNode from = message.path("from");
        String customerId = from.path("id").asString("");
        String chatId = message.path("chat").path("id").asString("");
        if (customerId.isEmpty() || chatId.isEmpty() || from.path("is_bot").asBoolean(false)) {
            return Optional.empty();
        }
        String text = message.has("text")
                ? message.path("text").asString("")
                : message.path("caption").asString("");
        List<Attachment> attachments =
                UpdateAttachments.of(message, mediaBaseUrl == null ? null : mediaBaseUrl + "/" + channel.id());
        if (text.isEmpty() && attachments.isEmpty()) {
            return Optional.empty();
        }
        String eventId = UUID.nameUUIDFromBytes(("telegram:" + channel.id() + ":"
                                + update.path("update_id").asLong(0))
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
        String conversationId =
                ConversationIds.forCustomer(channel.tenantId(), Platform.TELEGRAM, channel.id(), customerId);
        String messageId = message.path("message_id").asString("");
        if (edited != null) {
            return Optional.of(new CustomerMessageEdited(
                    eventId,
                    now,
                    channel.tenantId(),
                    conversationId,
                    channel.id(),
                    Platform.TELEGRAM,
                    messageId,
                    text,
                    attachments,
                    Instant.ofEpochSecond(message.path("edit_date").asLong(now.getEpochSecond()))));
        }
        return Optional.of(new CustomerMessageReceived(
                eventId,
                now,
                channel.tenantId(),
                conversationId,
                channel.id(),
                Platform.TELEGRAM,
                chatId,
                messageId,
                new Customer(
                        null,
                        Platform.TELEGRAM,
                        customerId,
                        blankToNull(from.path("first_name").asString(null)),
                        blankToNull(from.path("last_name").asString(null)),
                        blankToNull(from.path("username").asString(null))),
                text,
                attachments,
                Instant.ofEpochSecond(message.path("date").asLong(now.getEpochSecond()))));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
