package net.fiko.message.intake;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Topics;
import net.fiko.events.conversation.ConversationUpdated;
import net.fiko.events.conversation.MessageEdited;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.message.conversation.ConversationEntity;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.MessageBatch;
import net.fiko.message.conversation.MessageWriter;
import net.fiko.message.conversation.NewMessage;
import net.fiko.message.conversation.UnreadCounts;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores, one at a time, the customers' messages the batch path ({@link CustomerMessages}) leaves: a conversation's
 * first message and a message that renames its customer, which open or change the conversation and its customer
 * (JPA earns its place there); and the business's own messages, sent from the platform's app. The messages themselves
 * go through the {@link MessageWriter} like every other. A message already stored (the same platform id) is stored
 * once and announced once. Also applies customers' edits and profiles.
 */
@Service
class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final Conversations conversations;
    private final MessageWriter writer;
    private final MessageRepository messages;
    private final UnreadCounts unreadCounts;
    private final Outbox outbox;
    private final ConsumedEvents consumed;
    private final Clock clock;

    MessageIntake(
            Conversations conversations,
            MessageWriter writer,
            MessageRepository messages,
            UnreadCounts unreadCounts,
            Outbox outbox,
            ConsumedEvents consumed,
            Clock clock) {
        this.conversations = conversations;
        this.writer = writer;
        this.messages = messages;
        this.unreadCounts = unreadCounts;
        this.outbox = outbox;
        this.consumed = consumed;
        this.clock = clock;
    }

    @Transactional
    public void receive(CustomerMessageReceived inbound) {
        if (!consumed.firstTime(inbound.eventId())) {
            return;
        }
        Conversations.Opened opened = conversations.openFor(inbound, clock.instant());
        MessageBatch batch = writer.begin(List.of(opened.id()));
        LockedConversation conversation =
                batch.conversation(opened.id().toString(), inbound.tenantId()).orElseThrow();
        conversation.receivedFrom(inbound.channelId(), inbound.externalChatId(), inbound.replyAllowedUntil());
        if (!alreadyStored(opened, inbound.platformMessageId(), MessageType.CUSTOMER)) {
            batch.add(
                    conversation,
                    NewMessage.fromCustomer(inbound.content(), inbound.attachments(), inbound.platformMessageId()),
                    opened.created(),
                    opened.renamed());
        } else {
            log.debug("Dropped a repeated {} message {}", inbound.platform(), inbound.platformMessageId());
        }
        batch.write();
    }

    /** True if the conversation already holds this platform message (a platform's redelivery). */
    private boolean alreadyStored(Conversations.Opened opened, String platformMessageId, MessageType type) {
        return !opened.created()
                && messages.existsByConversationIdAndPlatformMessageIdAndType(
                        opened.id(), platformMessageId, type.wireName());
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
                        UUID.randomUUID().toString(),
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
        Conversations.Opened opened = conversations.openFor(sent, clock.instant());
        MessageBatch batch = writer.begin(List.of(opened.id()));
        LockedConversation conversation =
                batch.conversation(opened.id().toString(), sent.tenantId()).orElseThrow();
        conversation.replyTo(sent.channelId(), sent.externalChatId());
        if (!alreadyStored(opened, sent.platformMessageId(), MessageType.SUPPORT)) {
            batch.add(
                    conversation,
                    NewMessage.fromBusinessApp(sent.content(), sent.attachments(), sent.platformMessageId()),
                    opened.created(),
                    opened.renamed());
        }
        batch.write();
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
        UUID id = updated.get().id();
        LockedConversation conversation =
                conversations.lockRow(id.toString(), update.tenantId()).orElseThrow();
        Message last = messages.findFirstByConversationIdOrderBySequenceDesc(id)
                .map(message -> message.toContract(conversation.customer()))
                .orElse(null);
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new ConversationUpdated(
                        UUID.randomUUID().toString(),
                        clock.instant(),
                        conversation.tenantId(),
                        id.toString(),
                        conversation.toSnapshot(
                                last, unreadCounts.of(List.of(id)).get(id))));
    }
}
