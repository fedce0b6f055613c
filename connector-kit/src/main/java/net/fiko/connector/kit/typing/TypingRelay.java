package net.fiko.connector.kit.typing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.kit.platform.PlatformException;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.throttle.PerKeyThrottle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Shows agents' typing to customers through the platform's {@link TypingSender}, at most once per
 * {@link TypingSender#every()} per conversation however often agents type. Best effort: an event already expired is
 * skipped, and a refused call is not retried. The ephemeral topic is keyed by conversation, so one connector instance
 * sees all of a conversation's typing and its throttle holds; a new instance starts at the topic's end.
 */
public class TypingRelay<T> {

    private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);
    private static final int MAX_CONVERSATIONS = 10_000;

    private final TypingSender<T> sender;
    private final Clock clock;
    private final PerKeyThrottle throttle;

    public TypingRelay(TypingSender<T> sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
        this.throttle = new PerKeyThrottle(sender.every(), MAX_CONVERSATIONS);
    }

    @KafkaListener(
            id = "${spring.kafka.consumer.group-id}-typing",
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
        Optional<T> target = sender.target(typing, now);
        if (target.isEmpty() || !throttle.permit(typing.conversationId(), now)) {
            return;
        }
        try {
            sender.show(target.get());
        } catch (PlatformException e) {
            log.debug(
                    "Typing not shown in conversation {}: {}",
                    typing.conversationId(),
                    e.failure().detail());
        }
    }
}
