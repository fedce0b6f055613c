package net.fiko.connector.telegram.inbound;

import io.micrometer.observation.Observation;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.fiko.connector.kit.intake.GroupCommit;
import net.fiko.connector.kit.intake.GroupCommits;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.connector.telegram.system.TelegramProperties;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.observability.LogContext;
import net.fiko.support.observability.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
    private final GroupCommit<Update, Outcome> intake;
    private final Clock clock;
    private final Traces traces;
    /** Where the agent's app opens a customer's files: this connector's media endpoint, at its public URL. */
    private final String mediaBaseUrl;

    UpdateIntake(
            EventPublisher events,
            Chats chats,
            JdbcTemplate jdbc,
            GroupCommits commits,
            Clock clock,
            Traces traces,
            TelegramProperties properties) {
        this.mediaBaseUrl = stripSlash(properties.publicBaseUrl()) + "/api/media/telegram";
        this.events = events;
        this.traces = traces;
        this.chats = chats;
        this.jdbc = jdbc;
        this.intake = commits.of("telegram-updates", this::stage);
        this.clock = clock;
    }

    /**
     * Takes one update of the channel; {@code update_id} must be present. The update's id is recorded in the same
     * database transaction that waits for Kafka's acknowledgement, and committed only after it (the {@link GroupCommit}
     * of the updates arriving together): a crash before the acknowledgement rolls the record back, so the platform's
     * redelivery is published; a redelivery racing this one waits on the record's row lock and is then skipped.
     */
    Outcome accept(Channel channel, long updateId, JsonNode update) {
        Optional<InboundMessage> message = UpdateNormalizer.normalize(channel, update, clock.instant(), mediaBaseUrl);
        if (message.isEmpty()) {
            return Outcome.SKIPPED;
        }
        try (var context = LogContext.of(message.get())) {
            return take(channel, updateId, message.get());
        }
    }

    private Outcome take(Channel channel, long updateId, InboundMessage message) {
        Outcome outcome = intake.take(new Update(channel, updateId, message, traces.currentObservation()))
                .orElseGet(() -> {
                    log.warn(
                            "Update {} of channel {} was not taken: Telegram will send it again",
                            updateId,
                            channel.id());
                    return Outcome.UNAVAILABLE;
                });
        log.debug("Update {} of channel {}: {}", updateId, channel.id(), outcome);
        return outcome;
    }

    /**
     * A batch of updates in its transaction: their ids recorded and the customers' chats remembered in one round trip
     * each, then the updates seen for the first time sent to Kafka, in the order they came.
     */
    private List<Outcome> stage(List<Update> updates, Consumer<CompletableFuture<?>> sends) {
        Timestamp now = Timestamp.from(clock.instant());
        int[] recorded = jdbc.batchUpdate(
                "INSERT INTO received_updates (channel_id, update_id, received_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                updates.stream()
                        .map(u -> new Object[] {u.channel().id(), u.updateId(), now})
                        .toList());
        List<Update> fresh = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            boolean first = recorded[i] == 1;
            outcomes.add(first ? Outcome.PUBLISHED : Outcome.SKIPPED);
            if (first) {
                fresh.add(updates.get(i));
            }
        }
        chats.rememberAll(fresh.stream()
                .filter(u -> u.message() instanceof CustomerMessageReceived)
                .map(u -> {
                    var received = (CustomerMessageReceived) u.message();
                    return new Chats.Place(
                            received.conversationId(),
                            received.tenantId(),
                            u.channel().id(),
                            Long.parseLong(received.externalChatId()));
                })
                .toList());
        // Each record continues its webhook's trace: the batch runs on the group commit's thread, not the webhook's.
        fresh.forEach(u -> sends.accept(u.origin().scoped(() -> events.publish(Topics.INBOUND_MESSAGES, u.message()))));
        return outcomes;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An update of a channel, normalized. */
    private record Update(Channel channel, long updateId, InboundMessage message, Observation origin) {}
}
