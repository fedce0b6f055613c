package net.fiko.connector.instagram.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import net.fiko.connector.instagram.system.InstagramProperties;
import net.fiko.connector.kit.media.MediaKey;
import net.fiko.connector.kit.media.MediaProperties;
import net.fiko.connector.kit.media.MediaResponses;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.connector.kit.media.MediaTooLargeException;
import net.fiko.connector.kit.media.StoredMedia;
import net.fiko.connector.kit.platform.PlatformHttp;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A customer's file, as the agent's app opens it: {@code GET /api/media/instagram/{channel id}/{media id}}, the URL an
 * attachment carries. The agent's token decides (a bearer header or {@code ?token=}, checked by {@code
 * BearerTokenFilter}); a file of another tenant's is 404, as one that does not exist. The first request fetches the
 * file from Meta's CDN into the media store; the next are served from the store, ranges included. A CDN URL Meta no
 * longer honours (its signature expired) is 410: the file is gone unless a copy was kept.
 */
@RestController
class InstagramMediaController {

    private static final Logger log = LoggerFactory.getLogger(InstagramMediaController.class);

    private final MediaReferences references;
    private final MediaStore store;
    private final RestClient cdn;
    private final long maxFileBytes;

    InstagramMediaController(
            MediaReferences references,
            MediaStore store,
            MediaProperties media,
            InstagramProperties properties,
            RestClient.Builder http) {
        this.references = references;
        this.store = store;
        this.maxFileBytes = media.maxFileSize().toBytes();
        this.cdn = PlatformHttp.client(
                http,
                "instagram-cdn",
                HttpClient.newBuilder()
                        .connectTimeout(properties.timeouts().connect())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                properties.timeouts().read().plus(Duration.ofSeconds(45)));
    }

    @GetMapping("/api/media/instagram/{channelId}/{mediaId}")
    ResponseEntity<Resource> file(
            @PathVariable String channelId,
            @PathVariable String mediaId,
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser agent)
            throws IOException {
        Optional<String> source =
                mediaId.length() > 64 ? Optional.empty() : references.source(agent.tenantId(), channelId, mediaId);
        if (source.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        MediaKey key = MediaKey.of("instagram", agent.tenantId(), mediaId);
        Optional<StoredMedia> stored = store.find(key);
        if (stored.isEmpty()) {
            try {
                stored = fetch(key, source.get());
            } catch (MediaTooLargeException e) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
            } catch (RestClientException e) {
                log.info(
                        "Meta's CDN could not be reached for {}: {}",
                        key.id(),
                        e.getClass().getSimpleName());
                return ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
            }
            if (stored.isEmpty()) {
                return ResponseEntity.status(HttpStatus.GONE).build();
            }
        }
        return MediaResponses.serve(store, stored.get());
    }

    /** The file from Meta's CDN into the store; empty when the CDN no longer serves it. */
    private Optional<StoredMedia> fetch(MediaKey key, String source) {
        return cdn.get().uri(URI.create(source)).exchange((request, reply) -> {
            if (!reply.getStatusCode().is2xxSuccessful()) {
                log.info("Meta's CDN answered {} for {}", reply.getStatusCode().value(), key.id());
                return Optional.empty();
            }
            MediaType type = reply.getHeaders().getContentType();
            return Optional.of(store.put(
                    key,
                    type == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : type.toString(),
                    reply.getBody(),
                    maxFileBytes));
        });
    }
}
