package net.fiko.connector.telegram.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.support.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Where every Telegram update goes, whether a webhook brought it or a long poll: normalized, published once per
 * {@code update_id} with {@code acks=all}, and remembered only once Kafka has it. An update Kafka did not take, or
 * whose connector died before Kafka took it, is not remembered, so its redelivery (Telegram's next webhook call, or the
 * next poll from the same offset) is published.
 */
@Component
class UpdateIntake {

    private static final Logger log = LoggerFactory.getLogger(UpdateIntake.class);

    /** What became of an update. */
    enum Outcome {
        /** On Kafka now. */
        PUBLISHED,
        /** Published before, or nothing the inbox shows (a group chat, a bot, a service message). */
        SKIPPED,
        /** Kafka did not take it: the sender must deliver it again. */
        UNAVAILABLE
    }

    private final EventPublisher events;
    private final Chats chats;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UpdateIntake(EventPublisher events, Chats chats, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.chats = chats;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Takes one update of the channel; {@code update_id} must be present. The update's id is recorded in the same
     * database transaction that waits for Kafka's acknowledgement, and committed only after it: a crash before the
     * acknowledgement rolls the record back, so the platform's redelivery is published; a redelivery racing this one
     * waits on the record's row lock and is then skipped.
     */
    Outcome accept(Channel channel, long updateId, JsonNode update) {
        Optional<InboundMessage> message = UpdateNormalizer.normalize(channel, update, clock.instant());
        if (message.isEmpty()) {
            return Outcome.SKIPPED;
        }
        return transactions.execute(status -> {
            if (!firstTime(channel.id(), updateId)) {
                return Outcome.SKIPPED;
            }
            if (message.get() instanceof CustomerMessageReceived received) {
                chats.remember(
                        received.conversationId(),
                        received.tenantId(),
                        channel.id(),
                        Long.parseLong(received.externalChatId()));
            }
            try {
                events.publish(Topics.INBOUND_MESSAGES, message.get()).get(10, TimeUnit.SECONDS);
                return Outcome.PUBLISHED;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("Kafka did not take update {} of channel {}: {}", updateId, channel.id(), e.toString());
                status.setRollbackOnly();
                return Outcome.UNAVAILABLE;
            }
        });
    }

    private boolean firstTime(String channelId, long updateId) {
        return jdbc.update(
                        "INSERT INTO received_updates (channel_id, update_id, received_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        channelId,
                        updateId,
                        Timestamp.from(clock.instant()))
                == 1;
    }
}
