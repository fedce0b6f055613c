package net.fiko.connector.telegram.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.support.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Telegram's webhook for one channel. 401 unless the secret header is the channel's; the update is on Kafka
 * ({@code acks=all}) before the 200, and a 503 when Kafka cannot take it, so Telegram delivers it again. An update
 * already published is answered 200 and not published twice.
 */
@RestController
class TelegramWebhookController {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

    private final Channels channels;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    TelegramWebhookController(Channels channels, EventPublisher events, JdbcTemplate jdbc, Clock clock) {
        this.channels = channels;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/webhooks/telegram/{channelId}")
    ResponseEntity<Void> receive(
            @PathVariable String channelId,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret,
            @RequestBody byte[] body) {
        Optional<Channel> channel = channels.authenticate(channelId, secret);
        if (channel.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        JsonNode update;
        try {
            update = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return ResponseEntity.badRequest().build();
        }
        long updateId = update.path("update_id").asLong(-1);
        if (updateId < 0) {
            return ResponseEntity.badRequest().build();
        }
        Optional<CustomerMessageReceived> message = UpdateNormalizer.normalize(channel.get(), update, clock.instant());
        if (message.isEmpty() || !firstTime(channelId, updateId)) {
            return ResponseEntity.ok().build();
        }
        try {
            CustomerMessageReceived event = message.get();
            events.publish(Topics.INBOUND_MESSAGES, event).get(10, TimeUnit.SECONDS);
            return ResponseEntity.ok().build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Kafka did not take update {} of channel {}: {}", updateId, channelId, e.toString());
            jdbc.update("DELETE FROM received_updates WHERE channel_id = ? AND update_id = ?", channelId, updateId);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
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
