package net.fiko.connector.telegram.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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
 * media as attachments with Telegram's file ids (never a download URL, which would hold the bot token); 64-bit chat
 * ids kept as strings. The event id derives from the channel and {@code update_id}, so a resent update
 * is the same event.
 */
final class UpdateNormalizer {

    private static final String[] FILE_KINDS = {
        "document", "voice", "audio", "video", "video_note", "sticker", "animation"
    };

    /** What a Telegram file id is made of; another is given no URL rather than an escaped one. */
    private static final java.util.regex.Pattern FILE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");

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
        List<Attachment> attachments = attachments(message).stream()
                .map(attachment -> mediaBaseUrl != null
                                && attachment.fileId() != null
                                && FILE_ID.matcher(attachment.fileId()).matches()
                        ? attachment.withUrl(mediaBaseUrl + "/" + channel.id() + "/" + attachment.fileId())
                        : attachment)
                .toList();
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

    /** The file's name as the customer's app gave it (the update is cleaned already), at most 255 characters. */
    private static String fileName(JsonNode file) {
        String name = file.path("file_name").asString(null);
        return name == null || name.length() <= 255 ? name : name.substring(0, 255);
    }

    /** A whole number the platform gave for the file, or null: absent, or not a number in range. */
    private static Integer number(JsonNode file, String field) {
        JsonNode value = file.get(field);
        return value != null && value.canConvertToInt() && value.asInt() >= 0 ? value.asInt() : null;
    }

    private static List<Attachment> attachments(JsonNode message) {
        List<Attachment> attachments = new ArrayList<>();
        String caption = message.path("caption").asString(null);
        JsonNode photos = message.get("photo");
        if (photos != null && photos.isArray() && !photos.isEmpty()) {
            JsonNode largest = photos.get(photos.size() - 1);
            attachments.add(new Attachment(
                    "photo",
                    largest.path("file_id").asString(null),
                    "image/jpeg",
                    caption,
                    size(largest),
                    null,
                    number(largest, "width"),
                    number(largest, "height"),
                    null));
        }
        for (String kind : FILE_KINDS) {
            JsonNode file = message.get(kind);
            if (file != null && file.isObject()) {
                attachments.add(new Attachment(
                        kind,
                        file.path("file_id").asString(null),
                        file.path("mime_type").asString(null),
                        caption,
                        size(file),
                        fileName(file),
                        number(file, kind.equals("video_note") ? "length" : "width"),
                        number(file, kind.equals("video_note") ? "length" : "height"),
                        number(file, "duration")));
            }
        }
        JsonNode location = message.get("location");
        if (location != null && location.isObject()) {
            attachments.add(new Attachment(
                    "location",
                    null,
                    null,
                    location.path("latitude").asDouble(0) + ","
                            + location.path("longitude").asDouble(0),
                    null));
        }
        JsonNode contact = message.get("contact");
        if (contact != null && contact.isObject()) {
            attachments.add(new Attachment(
                    "contact",
                    null,
                    null,
                    (contact.path("first_name").asString("") + " "
                                    + contact.path("phone_number").asString(""))
                            .strip(),
                    null));
        }
        return attachments;
    }

    /** The file's size in bytes, when Telegram gave one that can be: the contract has no negative sizes. */
    private static Long size(JsonNode file) {
        JsonNode size = file.path("file_size");
        return size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
