package net.fiko.message.intake;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.fiko.events.Attachment;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.MessageBatch;
import net.fiko.message.conversation.MessageWriter;
import net.fiko.message.conversation.NewMessage;
import net.fiko.message.system.ConsumedEvents;
import net.fiko.message.system.MessageServiceProperties;
import net.fiko.message.system.SqlArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores agents' messages from the gateways, a poll's batch at a time, through the {@link MessageWriter}: the busiest
 * path of the service, with a fixed number of statements per batch, not per message (record the event ids, lock the
 * conversations, look up client ids, count unread, insert the messages, renumber the conversations, append the
 * events). A message already stored (the same client id from the same agent in the conversation) is stored once and
 * announced once.
 */
@Service
class AgentMessages {

    private static final Logger log = LoggerFactory.getLogger(AgentMessages.class);

    private final MessageWriter writer;
    private final ConsumedEvents consumed;
    private final JdbcTemplate jdbc;
    private final Map<String, String> mediaBaseUrls;

    AgentMessages(
            MessageWriter writer, ConsumedEvents consumed, JdbcTemplate jdbc, MessageServiceProperties properties) {
        this.mediaBaseUrls = properties.mediaBaseUrls();
        this.writer = writer;
        this.consumed = consumed;
        this.jdbc = jdbc;
    }

    /** Applies the commands in their order, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void submitAll(List<MessageSendRequested> commands) {
        Set<String> fresh = consumed.firstTimes(
                commands.stream().map(MessageSendRequested::eventId).toList());
        List<MessageSendRequested> todo = commands.stream()
                .filter(command -> fresh.remove(command.eventId()))
                .toList();
        if (todo.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        todo.forEach(command -> Conversations.parse(command.conversationId()).ifPresent(ids::add));
        MessageBatch batch = writer.begin(ids);
        Set<ClientKey> known = storedClientIds(todo, ids);
        for (MessageSendRequested command : todo) {
            LockedConversation conversation = batch.conversation(command.conversationId(), command.tenantId())
                    .orElse(null);
            if (conversation == null) {
                log.warn(
                        "Dropped a message for unknown conversation {} of tenant {}",
                        command.conversationId(),
                        command.tenantId());
                continue;
            }
            if (command.clientMsgId() != null
                    && !known.add(
                            new ClientKey(conversation.id(), command.agent().userId(), command.clientMsgId()))) {
                log.debug(
                        "Dropped a resent message {} of user {}",
                        command.clientMsgId(),
                        command.agent().userId());
                continue;
            }
            boolean viaPlatform = conversation.source() != Platform.WEB;
            Message stored = batch.add(
                    conversation,
                    NewMessage.fromAgent(
                            command.agent(),
                            command.content(),
                            agentFiles(command, conversation.source()),
                            command.clientMsgId(),
                            viaPlatform ? DeliveryStatus.PENDING : DeliveryStatus.DELIVERED));
            if (viaPlatform) {
                batch.also(
                        Topics.outbound(conversation.source()),
                        new ReplyRequested(
                                UUID.randomUUID().toString(),
                                batch.now(),
                                conversation.tenantId(),
                                stored.conversationId(),
                                stored.id(),
                                conversation.channelId(),
                                conversation.externalChatId(),
                                stored.content(),
                                stored.attachments()));
            }
        }
        batch.write();
    }

    /**
     * The agent's files as the message keeps them: each opened where its platform's connector serves uploads. In a
     * conversation without a platform there is no such connector: the files are kept as the agent named them, without
     * a URL, so the message loses nothing it said.
     */
    private List<Attachment> agentFiles(MessageSendRequested command, Platform source) {
        String base = mediaBaseUrls.get(source.wireName());
        if (command.attachments().isEmpty() || base == null) {
            return command.attachments();
        }
        String uploads = base + "/api/media/" + source.wireName() + "/uploads/";
        return command.attachments().stream()
                .map(file -> file.withUrl(uploads + file.fileId()))
                .toList();
    }

    /**
     * The client ids of these commands already stored: one lookup per (conversation, agent, client id) in the unique
     * index that makes them unique, however many messages the conversations hold.
     */
    private Set<ClientKey> storedClientIds(List<MessageSendRequested> commands, Set<UUID> conversationIds) {
        Set<ClientKey> asked = new HashSet<>();
        for (MessageSendRequested command : commands) {
            Conversations.parse(command.conversationId())
                    .filter(conversationIds::contains)
                    .filter(id -> command.clientMsgId() != null)
                    .ifPresent(id -> asked.add(new ClientKey(id, command.agent().userId(), command.clientMsgId())));
        }
        Set<ClientKey> known = new HashSet<>();
        if (asked.isEmpty()) {
            return known;
        }
        List<ClientKey> keys = List.copyOf(asked);
        jdbc.query(
                """
                SELECT m.conversation_id, m.sender_user_id, m.client_msg_id FROM messages m
                JOIN unnest(?::uuid[], ?::text[], ?::text[]) AS k (conversation_id, sender_user_id, client_msg_id)
                  ON m.conversation_id = k.conversation_id AND m.sender_user_id = k.sender_user_id
                 AND m.client_msg_id = k.client_msg_id
                WHERE m.client_msg_id IS NOT NULL
                """,
                statement -> {
                    statement.setArray(
                            1,
                            SqlArrays.uuids(
                                    statement,
                                    keys.stream().map(ClientKey::conversationId).toList()));
                    statement.setArray(
                            2,
                            SqlArrays.texts(
                                    statement,
                                    keys.stream().map(ClientKey::userId).toList()));
                    statement.setArray(
                            3,
                            SqlArrays.texts(
                                    statement,
                                    keys.stream().map(ClientKey::clientMsgId).toList()));
                },
                row -> {
                    known.add(new ClientKey(row.getObject(1, UUID.class), row.getString(2), row.getString(3)));
                });
        return known;
    }

    /** An agent's client id in a conversation: what makes a resent message the same message. */
    private record ClientKey(UUID conversationId, String userId, String clientMsgId) {}
}
