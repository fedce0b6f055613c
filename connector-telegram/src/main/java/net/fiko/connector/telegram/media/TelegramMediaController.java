package net.fiko.connector.telegram.media;

import java.io.IOException;
import java.util.Optional;
import net.fiko.connector.kit.media.MediaKey;
import net.fiko.connector.kit.media.MediaProperties;
import net.fiko.connector.kit.media.MediaResponses;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.connector.kit.media.MediaTooLargeException;
import net.fiko.connector.kit.media.StoredMedia;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.connector.telegram.client.BotApiException;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's file, as the agent's app opens it: {@code GET /api/media/telegram/{channel id}/{file id}}, the URL an
 * attachment carries. The agent's token decides (a bearer header, or {@code ?token=}: 401 without one, from {@code
 * BearerTokenFilter}; 404 for a channel of another tenant, as for one that does not exist). The first request fetches the file from Telegram ({@code getFile}, then its download) into the
 * media store; the next are served from the store, ranges included (docs/decisions/0003-media.md).
 */
@RestController
class TelegramMediaController {

    private static final Logger log = LoggerFactory.getLogger(TelegramMediaController.class);

    private final Channels channels;
    private final BotApiClient bot;
    private final MediaStore store;
    private final long maxFileBytes;

    TelegramMediaController(Channels channels, BotApiClient bot, MediaStore store, MediaProperties media) {
        this.channels = channels;
        this.bot = bot;
        this.store = store;
        this.maxFileBytes = media.maxFileSize().toBytes();
    }

    @GetMapping("/api/media/telegram/{channelId}/{fileId}")
    ResponseEntity<Resource> file(
            @PathVariable String channelId,
            @PathVariable String fileId,
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser agent)
            throws IOException {
        String tenant = agent.tenantId();
        Optional<Channel> channel = channels.of(tenant).stream()
                .filter(known -> known.id().equals(channelId))
                .findFirst();
        if (channel.isEmpty() || fileId.length() > 256) {
            return ResponseEntity.notFound().build();
        }
        MediaKey key = MediaKey.of("telegram", tenant, MediaKey.digest(channelId + "/" + fileId));
        Optional<StoredMedia> stored = store.find(key);
        if (stored.isEmpty()) {
            Optional<String> botToken = channels.token(channelId);
            if (botToken.isEmpty()) {
                return ResponseEntity.status(HttpStatus.GONE).build(); // the bot was disconnected: nothing to ask
            }
            try {
                stored = Optional.of(fetch(key, botToken.get(), fileId));
            } catch (MediaTooLargeException e) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
            } catch (BotApiException e) {
                log.info(
                        "Telegram did not give file {} of channel {}: {}",
                        key.id(),
                        channelId,
                        e.failure().reason());
                return ResponseEntity.status(
                                e.failure().errorCode() == 400 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY)
                        .build();
            }
        }
        return MediaResponses.serve(store, stored.get());
    }

    private StoredMedia fetch(MediaKey key, String botToken, String fileId) {
        BotApiClient.FileInfo file = bot.getFile(botToken, fileId);
        if (file.path() == null) {
            throw new MediaTooLargeException(maxFileBytes); // Telegram gives no path for a file over its 20 MB
        }
        if (file.size() != null && file.size() > maxFileBytes) {
            throw new MediaTooLargeException(maxFileBytes);
        }
        String type =
                MediaTypeFactory.getMediaType(file.path()).map(Object::toString).orElse("application/octet-stream");
        return bot.download(botToken, file.path(), bytes -> store.put(key, type, bytes, maxFileBytes));
    }
}
