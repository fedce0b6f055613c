package net.fiko.connector.telegram.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.connector.telegram.client.BotApiException;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.throttle.PerKeyThrottle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Shows an agent's typing in the customer's Telegram chat: {@code sendChatAction typing}, which Telegram displays for
 * up to five seconds, at most once every four seconds per conversation however often agents type. Typing is
 * best effort: an event already expired is skipped, and a refused call is not retried. The ephemeral topic is keyed
 * by conversation, so one connector instance sees all of a conversation's typing and its throttle holds.
 */
@Component
class TypingRelay {

    static final Duration EVERY = Duration.ofSeconds(4);
    private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);

    private final Chats chats;
    private final Channels channels;
    private final BotApiClient telegram;
    private final Clock clock;
    private final PerKeyThrottle throttle = new PerKeyThrottle(EVERY, 10_000);

    TypingRelay(Chats chats, Channels channels, BotApiClient telegram, Clock clock) {
        this.chats = chats;
        this.channels = channels;
        this.telegram = telegram;
        this.clock = clock;
    }

    @KafkaListener(
            id = "telegram-typing",
            groupId = "${spring.kafka.consumer.group-id}.typing",
            topics = "#{T(net.fiko.events.Topics).EPHEMERAL.name()}",
            properties = "auto.offset.reset=latest")
    void onEphemeral(ConsumerRecord<String, byte[]> record) {
        if (EventRecords.read(record, EphemeralEvent.class) instanceof TypingChanged typing) {
            relay(typing);
        }
    }

    void relay(TypingChanged typing) {
        Instant now = clock.instant();
        if (!typing.isTyping()
                || (typing.expiresAt() != null && !typing.expiresAt().isAfter(now))) {
            return;
        }
        Optional<Chats.Chat> chat = chats.of(typing.tenantId(), typing.conversationId());
        if (chat.isEmpty() || !throttle.permit(typing.conversationId(), now)) {
            return;
        }
        Optional<String> token = channels.token(chat.get().channelId());
        if (token.isEmpty()) {
            return;
        }
        try {
            telegram.sendChatAction(token.get(), chat.get().chatId(), "typing");
        } catch (BotApiException e) {
            log.debug(
                    "Telegram did not show typing in conversation {}: {}",
                    typing.conversationId(),
                    e.failure().description());
        }
    }
}
