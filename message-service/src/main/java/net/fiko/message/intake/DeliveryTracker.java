package net.fiko.message.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.delivery.DeliverySucceeded;
import net.fiko.message.conversation.ConversationEntity;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import net.fiko.message.system.MessageServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where each agent's message is on its way to the customer: the connectors' results are stored on the message and
 * announced as {@code delivery_updated}. A message whose connector has not answered by the deadline is failed
 * with a reason the agent understands; a late success still wins.
 */
@Service
class DeliveryTracker {

    static final String NO_ANSWER = "The platform did not confirm the message in time";
    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    private final MessageRepository messages;
    private final Conversations conversations;
    private final Outbox outbox;
    private final ConsumedEvents consumed;
    private final MessageServiceProperties.Delivery settings;
    private final Clock clock;

    DeliveryTracker(
            MessageRepository messages,
            Conversations conversations,
            Outbox outbox,
            ConsumedEvents consumed,
            MessageServiceProperties properties,
            Clock clock) {
        this.messages = messages;
        this.conversations = conversations;
        this.outbox = outbox;
        this.consumed = consumed;
        this.settings = properties.delivery();
        this.clock = clock;
    }

    @Transactional
    public void record(DeliveryResult result) {
        if (!consumed.firstTime(result.eventId())) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(result.messageId());
        } catch (IllegalArgumentException e) {
            log.warn("Dropped a delivery result for message id {}", result.messageId());
            return;
        }
        var message =
                messages.findById(id).filter(m -> m.conversationId().toString().equals(result.conversationId()));
        if (message.isEmpty()
                || conversations
                        .lock(result.conversationId(), result.tenantId())
                        .isEmpty()) {
            log.warn(
                    "Dropped a delivery result for unknown message {} of tenant {}",
                    result.messageId(),
                    result.tenantId());
            return;
        }
        if (result instanceof DeliverySucceeded succeeded) {
            update(message.get(), result.platform(), DeliveryStatus.SENT, null, succeeded.platformMessageId());
        } else if (result instanceof DeliveryFailed failed) {
            update(message.get(), result.platform(), DeliveryStatus.FAILED, failed.reason(), null);
        }
    }

    /** Fails the messages whose connector has not answered within the deadline. */
    @Scheduled(fixedDelayString = "${fiko.message-service.delivery.check-interval:PT5S}")
    @Transactional
    public void expireUnanswered() {
        Instant cutoff = clock.instant().minus(settings.timeout());
        List<MessageEntity> overdue = messages.lockPendingSince(cutoff, 200);
        for (MessageEntity message : overdue) {
            update(message, conversation(message).source(), DeliveryStatus.FAILED, NO_ANSWER, null);
        }
    }

    private ConversationEntity conversation(MessageEntity message) {
        return conversations.find(message.conversationId()).orElseThrow();
    }

    private void update(
            MessageEntity message, Platform platform, DeliveryStatus status, String reason, String platformId) {
        if (!message.recordDelivery(status, reason, platformId)) {
            return;
        }
        Instant now = clock.instant();
        String tenant = conversation(message).tenantId();
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new DeliveryUpdated(
                        UUID.randomUUID().toString(),
                        now,
                        tenant,
                        message.conversationId().toString(),
                        message.id().toString(),
                        platform,
                        status,
                        reason));
    }
}
