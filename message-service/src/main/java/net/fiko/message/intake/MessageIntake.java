package net.fiko.message.message;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Topics;
import net.fiko.events.conversation.ConversationCreated;
import net.fiko.events.conversation.ConversationUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.conversation.MessageEdited;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.message.conversation.ConversationEntity;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores customers' messages (and the business's own, sent from the platform's app) from the connectors and writes
 * their events in the same transaction. A message already stored (the same platform id) is stored once and
 * announced once. Agents' messages take a path of their own: {@link AgentMessages}.
 */
@Service
class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final Conversations conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final ConsumedEvents consumed;
    private final Clock clock;

    MessageIntake(
            Conversations conversations,
            MessageRepository messages,
            Outbox outbox,
            ConsumedEvents consumed,
            Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.consumed = consumed;
        this.clock = clock;
    }

    @Transactional
    public void receive(CustomerMessageReceived inbound) {
        if (!consumed.firstTime(inbound.eventId())) {
            return;
        }
        Instant now = clock.instant();
        Conversations.Opened opened = conversations.openFor(inbound, now);
        ConversationEntity conversation = opened.conversation();
        if (alreadyStored(opened, inbound.platformMessageId(), MessageType.CUSTOMER)) {
            log.debug("Dropped a repeated {} message {}", inbound.platform(), inbound.platformMessageId());
            return;
        }
        announce(
                opened,
                messages.save(MessageEntity.fromCustomer(
                        conversation.id(),
                        conversation.nextSequence(now),
                        inbound.content(),
                        inbound.attachments(),
                        inbound.platformMessageId(),
                        now)),
                now);
    }

    /** True if the conversation already holds this platform message (a platform's redelivery). */
    private boolean alreadyStored(Conversations.Opened opened, String platformMessageId, MessageType type) {
        return !opened.created()
                && messages.existsByConversationIdAndPlatformMessageIdAndType(
                        opened.conversation().id(), platformMessageId, type.wireName());
    }

    /**
     * Announces a message stored from a platform: the conversation first if the message opened it, then the message,
     * then the conversation again if its title changed.
     */
    private void announce(Conversations.Opened opened, MessageEntity message, Instant now) {
        ConversationEntity conversation = opened.conversation();
        Message stored = message.toContract(conversation.customer().toContract());
        ConversationSnapshot snapshot = snapshotAfter(conversation, stored);
        if (opened.created()) {
            outbox.append(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationCreated(
                            newEventId(), now, conversation.tenantId(), stored.conversationId(), snapshot));
        }
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new MessageCreated(
                        newEventId(), now, conversation.tenantId(), stored.conversationId(), stored, snapshot));
        if (opened.renamed()) {
            outbox.append(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationUpdated(
                            newEventId(), now, conversation.tenantId(), stored.conversationId(), snapshot));
        }
    }

    /**
     * Applies a customer's edit to the message it names and announces the message as it now is. An edit of a
     * message never stored (one the connector did not publish, or another tenant's) is logged and dropped.
     */
    @Transactional
    public void edit(CustomerMessageEdited edit) {
        if (!consumed.firstTime(edit.eventId())) {
            return;
        }
        Optional<ConversationEntity> found = conversations.lock(edit.conversationId(), edit.tenantId());
        Optional<MessageEntity> message =
                found.flatMap(conversation -> messages.findByConversationIdAndPlatformMessageIdAndType(
                        conversation.id(), edit.platformMessageId(), MessageType.CUSTOMER.wireName()));
        if (message.isEmpty()) {
            log.info(
                    "Dropped an edit of unknown {} message {} in conversation {}",
                    edit.platform(),
                    edit.platformMessageId(),
                    edit.conversationId());
            return;
        }
        if (!message.get().edit(edit.content(), edit.attachments(), edit.editedAt())) {
            return;
        }
        ConversationEntity conversation = found.get();
        Message stored = message.get().toContract(conversation.customer().toContract());
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new MessageEdited(
                        newEventId(),
                        clock.instant(),
                        conversation.tenantId(),
                        stored.conversationId(),
                        stored,
                        edit.editedAt()));
    }

    /**
     * Stores a message the business sent from the platform's own app (an Instagram echo Fiko did not send) as a
     * support message without an agent, so the conversation shows what the customer saw. Stored once per platform id.
     */
    @Transactional
    public void recordBusinessMessage(BusinessMessageSent sent) {
        if (!consumed.firstTime(sent.eventId())) {
            return;
        }
        Instant now = clock.instant();
        Conversations.Opened opened = conversations.openFor(sent, now);
        ConversationEntity conversation = opened.conversation();
        if (alreadyStored(opened, sent.platformMessageId(), MessageType.SUPPORT)) {
            return;
        }
        announce(
                opened,
                messages.save(MessageEntity.fromBusinessApp(
                        conversation.id(),
                        conversation.nextSequence(now),
                        sent.content(),
                        sent.attachments(),
                        sent.platformMessageId(),
                        now)),
                now);
    }

    /** Takes a customer's profile learned after their first message; the list hears of it if the title changed. */
    @Transactional
    public void updateProfile(CustomerProfileUpdated update) {
        if (!consumed.firstTime(update.eventId())) {
            return;
        }
        Optional<Conversations.Opened> updated = conversations.updateProfile(update);
        if (updated.isEmpty() || !updated.get().renamed()) {
            return;
        }
        ConversationEntity conversation = updated.get().conversation();
        Message last = messages.findFirstByConversationIdOrderBySequenceDesc(conversation.id())
                .map(message -> message.toContract(conversation.customer().toContract()))
                .orElse(null);
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new ConversationUpdated(
                        newEventId(),
                        clock.instant(),
                        conversation.tenantId(),
                        conversation.id().toString(),
                        conversation.toSnapshot(last, conversations.unreadCount(conversation.id()))));
    }

    /** The conversation as the list shows it once {@code stored} is in, unread count recounted in this transaction. */
    private ConversationSnapshot snapshotAfter(ConversationEntity conversation, Message stored) {
        messages.flush();
        return conversation.toSnapshot(stored, conversations.unreadCount(conversation.id()));
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
