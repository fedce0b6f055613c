package net.fiko.connector.instagram.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.events.Attachment;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.Platform;
import net.fiko.events.StorableJson;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import tools.jackson.databind.JsonNode;

/**
 * Turns one {@code messaging} item of an Instagram webhook into the contract: a customer's message, or an echo (a
 * message the account sent) as {@code business_message_sent}. Attachments keep their type and Meta's URL as a
 * reference only (CDN URLs expire; nothing is downloaded). Reads, reactions, postbacks, deleted and unsupported
 * messages are not messages of the inbox. The event id derives from the {@code mid}, so a resent webhook is the
 * same event.
 */
final class MessagingNormalizer {

    private MessagingNormalizer() {}

    /** A message of the webhook, with what the connector needs beside the event. */
    record Normalized(InboundMessage event, String mid, String igsid, boolean echo, Instant sentAt) {

        /** The same message, filed under the conversation the customer already has on this account. */
        Normalized inConversation(String conversationId) {
            return new Normalized(event.withConversationId(conversationId), mid, igsid, echo, sentAt);
        }
    }

    static Optional<Normalized> normalize(Account account, JsonNode item, Customer known, Instant now) {
        return normalize(account, item, known, now, null);
    }

    /**
     * As {@link #normalize(Account, JsonNode, Customer, Instant)}, each file given the URL the agent's app opens it at:
     * {@code <mediaBaseUrl>/<channel id>/<media id>}, the media id derived from the message and the file's place in it
     * ({@code InstagramMediaController}).
     */
    static Optional<Normalized> normalize(
            Account account, JsonNode item, Customer known, Instant now, String mediaBaseUrl) {
        StorableJson.clean(item);
        JsonNode message = item.get("message");
        if (message == null
                || !message.isObject()
                || message.path("is_deleted").asBoolean(false)
                || message.path("is_unsupported").asBoolean(false)) {
            return Optional.empty();
        }
        String mid = message.path("mid").asString("");
        boolean echo = message.path("is_echo").asBoolean(false);
        String igsid =
                (echo ? item.path("recipient") : item.path("sender")).path("id").asString("");
        if (mid.isEmpty() || igsid.isEmpty() || igsid.equals(account.accountId())) {
            return Optional.empty();
        }
        String text = message.path("text").asString("");
        List<Attachment> attachments = attachments(message);
        if (mediaBaseUrl != null) {
            List<Attachment> opened = new ArrayList<>(attachments.size());
            for (int i = 0; i < attachments.size(); i++) {
                Attachment attachment = attachments.get(i);
                opened.add(
                        attachment.fileId() == null
                                ? attachment
                                : attachment.withUrl(mediaBaseUrl + "/" + account.id() + "/" + mediaId(mid, i)));
            }
            attachments = opened;
        }
        if (text.isEmpty() && attachments.isEmpty()) {
            return Optional.empty();
        }
        Instant sentAt = item.has("timestamp")
                ? Instant.ofEpochMilli(item.path("timestamp").asLong(now.toEpochMilli()))
                : now;
        String conversationId =
                ConversationIds.forCustomer(account.tenantId(), Platform.INSTAGRAM, account.id(), igsid);
        String eventId = UUID.nameUUIDFromBytes(
                        ("instagram:" + (echo ? "echo:" : "") + mid).getBytes(StandardCharsets.UTF_8))
                .toString();
        InboundMessage event = echo
                ? new BusinessMessageSent(
                        eventId,
                        now,
                        account.tenantId(),
                        conversationId,
                        account.id(),
                        Platform.INSTAGRAM,
                        igsid,
                        mid,
                        known,
                        text,
                        attachments,
                        sentAt)
                : new CustomerMessageReceived(
                        eventId,
                        now,
                        account.tenantId(),
                        conversationId,
                        account.id(),
                        Platform.INSTAGRAM,
                        igsid,
                        mid,
                        known,
                        text,
                        attachments,
                        sentAt,
                        sentAt.plus(window(account)));
        return Optional.of(new Normalized(event, mid, igsid, echo, sentAt));
    }

    /** The id of the {@code index}th file of message {@code mid}: the same on Meta's redelivery. */
    static String mediaId(String mid, int index) {
        return UUID.nameUUIDFromBytes(("instagram-media:" + mid + ":" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Duration window(Account account) {
        return account.humanAgentTag() ? Accounts.HUMAN_AGENT_WINDOW : Accounts.STANDARD_WINDOW;
    }

    private static List<Attachment> attachments(JsonNode message) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            String type = attachment.path("type").asString("");
            if (!type.isEmpty()) {
                // The contract keeps an Instagram CDN URL in file_id, as a reference only: it expires.
                attachments.add(new Attachment(
                        type, attachment.path("payload").path("url").asString(null), null, null, null));
            }
        }
        return attachments;
    }
}
