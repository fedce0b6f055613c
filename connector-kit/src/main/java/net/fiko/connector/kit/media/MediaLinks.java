package net.fiko.connector.kit.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Links a platform fetches an agent's file from, when it takes files by URL rather than as an upload (Instagram):
 * {@code /links/media/<platform>/<tenant>/<id>?expires=<epoch s>&signature=<HMAC-SHA256>}, outside {@code /api}, so no
 * agent's token is needed, and good only for the file it names and until it expires. A link that is forged, altered,
 * or expired is 404, as one for a file not kept. The key is {@code fiko.media.link-secret}; without one, a random key
 * of this process (enough for one instance; every instance behind one public URL needs the same secret).
 */
public final class MediaLinks {

    private static final String PATH = "/links/media/";

    private final MediaStore store;
    private final SecretKeySpec key;
    private final Duration validFor;
    private final Clock clock;

    public MediaLinks(MediaStore store, String secret, Duration validFor, Clock clock) {
        this.store = store;
        byte[] keyBytes;
        if (secret == null || secret.isBlank()) {
            keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
        } else {
            keyBytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        this.validFor = validFor;
        this.clock = clock;
    }

    /** The path and query of a link to the file kept under {@code media}, to put after the connector's public URL. */
    public String link(MediaKey media) {
        long expires = clock.instant().plus(validFor).getEpochSecond();
        return PATH + media.path() + "?expires=" + expires + "&signature=" + signature(media, expires);
    }

    /** {@code GET /links/media/<platform>/…}: the file a link names, while the link holds. */
    public RouterFunction<ServerResponse> endpoint(String platform) {
        return RouterFunctions.route()
                .GET(PATH + platform + "/{tenant}/{id}", request -> serve(platform, request))
                .build();
    }

    private ServerResponse serve(String platform, ServerRequest request) throws Exception {
        Optional<MediaKey> media = verified(
                platform,
                request.pathVariable("tenant"),
                request.pathVariable("id"),
                request.param("expires").orElse(""),
                request.param("signature").orElse(""));
        Optional<StoredMedia> stored = media.isEmpty() ? Optional.empty() : store.find(media.get());
        if (stored.isEmpty()) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok()
                .contentType(MediaResponses.contentType(stored.get().contentType()))
                .contentLength(stored.get().size())
                .body(new StoredResource(store, stored.get()));
    }

    /** The key a link names, when its signature is this instance's and it has not expired. */
    Optional<MediaKey> verified(String platform, String tenant, String id, String expires, String signature) {
        MediaKey media;
        long until;
        try {
            media = new MediaKey(platform, tenant, id);
            until = Long.parseLong(expires);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        boolean signed = MessageDigest.isEqual(
                signature(media, until).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return signed && clock.instant().getEpochSecond() <= until ? Optional.of(media) : Optional.empty();
    }

    private String signature(MediaKey media, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of()
                    .formatHex(mac.doFinal((media.path() + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
