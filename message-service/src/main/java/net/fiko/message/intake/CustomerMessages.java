package net.fiko.message.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.MessageBatch;
import net.fiko.message.conversation.MessageWriter;
import net.fiko.message.conversation.NewMessage;
import net.fiko.message.system.ConsumedEvents;
import net.fiko.message.system.SqlArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores customers' messages from the connectors a poll's batch at a time, in plain SQL, for the common case: a
 * conversation that exists, a customer whose profile is unchanged. A conversation's first message and a message
 * that renames its customer change more than this path writes; those, and every later message of their conversation
 * in the batch, are left to {@link MessageIntake#receive}, one at a time, after the batch, so each conversation's
 * messages are still numbered in the order they came. A message already stored (the same platform id) is stored once
 * and announced once.
 */
@Service
class CustomerMessages {

    private static final Logger log = LoggerFactory.getLogger(CustomerMessages.class);

    private final MessageWriter writer;
    private final Conversations conversations;
    private final ConsumedEvents consumed;
    private final JdbcTemplate jdbc;

    CustomerMessages(MessageWriter writer, Conversations conversations, ConsumedEvents consumed, JdbcTemplate jdbc) {
        this.writer = writer;
        this.conversations = conversations;
        this.consumed = consumed;
        this.jdbc = jdbc;
    }

    /**
     * Applies the messages this path can, in the caller's transaction; returns the others, in their order, for
     * {@link MessageIntake#receive}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CustomerMessageReceived> receiveAll(List<CustomerMessageReceived> batch) {
        Set<UUID> ids = new LinkedHashSet<>();
        batch.forEach(inbound -> Conversations.parse(inbound.conversationId()).ifPresent(ids::add));
        MessageBatch messages = writer.begin(ids);

        List<CustomerMessageReceived> here = new ArrayList<>();
        List<CustomerMessageReceived> left = new ArrayList<>();
        Set<String> leftConversations = new HashSet<>();
        for (CustomerMessageReceived inbound : batch) {
            Optional<LockedConversation> conversation =
                    messages.conversation(inbound.conversationId(), inbound.tenantId());
            if (conversation.isEmpty()
                    || leftConversations.contains(inbound.conversationId())
                    || !conversation.get().keepsCustomer(inbound.customer())) {
                leftConversations.add(inbound.conversationId());
                left.add(inbound);
            } else {
                here.add(inbound);
            }
        }
        if (!here.isEmpty()) {
            store(here, messages);
        }
        return left;
    }

    private void store(List<CustomerMessageReceived> batch, MessageBatch messages) {
        Set<String> fresh = consumed.firstTimes(
                batch.stream().map(CustomerMessageReceived::eventId).toList());
        Set<UUID> ids = new HashSet<>();
        batch.forEach(inbound -> ids.add(UUID.fromString(inbound.conversationId())));
        Set<PlatformKey> known = storedPlatformIds(batch, ids);
        for (CustomerMessageReceived inbound : batch) {
            if (!fresh.remove(inbound.eventId())) {
                continue;
            }
            LockedConversation conversation = messages.conversation(inbound.conversationId(), inbound.tenantId())
                    .orElseThrow();
            if (inbound.channelId() != null && !inbound.channelId().equals(conversation.channelId())) {
                conversations.recordChannel(
                        inbound.channelId(), inbound.tenantId(), inbound.platform(), messages.now());
            }
            conversation.receivedFrom(inbound.channelId(), inbound.externalChatId(), inbound.replyAllowedUntil());
            if (inbound.platformMessageId() != null
                    && !known.add(new PlatformKey(conversation.id(), inbound.platformMessageId()))) {
                log.debug("Dropped a repeated {} message {}", inbound.platform(), inbound.platformMessageId());
                continue;
            }
            messages.add(
                    conversation,
                    NewMessage.fromCustomer(inbound.content(), inbound.attachments(), inbound.platformMessageId()));
        }
        messages.write();
    }

    /** The platform ids of these customers' messages already stored in these conversations. */
    private Set<PlatformKey> storedPlatformIds(List<CustomerMessageReceived> batch, Set<UUID> conversationIds) {
        Set<PlatformKey> known = new HashSet<>();
        Set<String> platformIds = new HashSet<>();
        batch.stream()
                .map(CustomerMessageReceived::platformMessageId)
                .filter(Objects::nonNull)
                .forEach(platformIds::add);
        if (platformIds.isEmpty()) {
            return known;
        }
        jdbc.query(
                "SELECT conversation_id, platform_message_id FROM messages WHERE conversation_id = ANY (?)"
                        + " AND platform_message_id = ANY (?) AND platform_message_id IS NOT NULL AND type = 'customer'",
                statement -> {
                    statement.setArray(1, SqlArrays.uuids(statement, conversationIds));
                    statement.setArray(2, SqlArrays.texts(statement, platformIds));
                },
                row -> {
                    known.add(new PlatformKey(row.getObject(1, UUID.class), row.getString(2)));
                });
        return known;
    }

    /** A platform's id of a customer's message in a conversation: what makes a redelivery the same message. */
    private record PlatformKey(UUID conversationId, String platformMessageId) {}
}
