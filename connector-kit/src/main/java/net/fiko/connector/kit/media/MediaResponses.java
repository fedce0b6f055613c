package net.fiko.connector.kit.media;

import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How every connector's media endpoint answers with a stored file: whole, or the ranges asked for ({@code Range:
 * bytes=…}, for audio and video players), never held whole in memory. Who may ask is {@code BearerTokenFilter}'s.
 */
public final class MediaResponses {

    /** Kept privately by the browser for a day: a file of a message does not change. */
    static final CacheControl CACHING = CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();

    private MediaResponses() {}

    /**
     * The stored file; Spring MVC answers a {@code Range} request from it (206 with the range, several as multipart,
     * 416 for one outside the file), reading only the bytes asked for.
     */
    public static ResponseEntity<Resource> serve(MediaStore store, StoredMedia media) {
        return ResponseEntity.ok()
                .contentType(contentType(media.contentType()))
                .cacheControl(CACHING)
                .body(new StoredResource(store, media));
    }

    static MediaType contentType(String stored) {
        try {
            return MediaType.parseMediaType(stored);
        } catch (RuntimeException unknown) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
