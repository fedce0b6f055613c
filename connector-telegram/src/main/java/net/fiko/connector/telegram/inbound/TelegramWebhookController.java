package net.fiko.connector.telegram.inbound;

import java.util.Optional;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.events.EventJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    private final Channels channels;
    private final UpdateIntake intake;

    TelegramWebhookController(Channels channels, UpdateIntake intake) {
        this.channels = channels;
        this.intake = intake;
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
        return switch (intake.accept(channel.get(), updateId, update)) {
            case PUBLISHED, SKIPPED -> ResponseEntity.ok().build();
            case UNAVAILABLE ->
                ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        };
    }
}
