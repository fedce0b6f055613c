package net.fiko.events;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Media a customer sent. {@code fileId} is the platform's reference (a Telegram file id, an Instagram CDN URL kept
 * as a reference only); never a URL that embeds a bot token. What the platform tells of the file rides along when it
 * does: {@code fileName} (documents, audio, video), {@code width} and {@code height} in pixels (photos, videos,
 * stickers), {@code durationSeconds} (voice notes, audio, video); each is absent otherwise. {@code url} is where the
 * agent's app opens the file: the connector's media endpoint, which takes the agent's token (docs/decisions/0003-media.md);
 * absent for what has no file (a contact), and for a location a map at its coordinates. {@code location} is where a
 * shared location or venue points ({@link Place}), absent for any other kind. All are additive fields of the
 * contract's version 1.
 */
public record Attachment(
        String kind,
        String fileId,
        String mimeType,
        String caption,
        Long sizeBytes,
        String fileName,
        Integer width,
        Integer height,
        Integer durationSeconds,
        String url,
        Place location) {

    /** The kinds of file an agent can upload and send: what a connector takes in by the file's first bytes. */
    public static final Set<String> UPLOAD_KINDS = Set.of("photo", "animation", "document", "voice", "audio", "video");

    private static final Pattern UPLOAD_ID = Pattern.compile("upload-[0-9a-fA-F-]{36}");

    /** A new id for an agent's upload: {@code upload-} and a UUID. */
    public static String newUploadId() {
        return "upload-" + UUID.randomUUID();
    }

    /** Whether {@code fileId} is an id {@link #newUploadId} could have made. */
    public static boolean isUploadId(String fileId) {
        return fileId != null && UPLOAD_ID.matcher(fileId).matches();
    }

    /** An attachment with a URL, of any kind but a location. */
    public Attachment(
            String kind,
            String fileId,
            String mimeType,
            String caption,
            Long sizeBytes,
            String fileName,
            Integer width,
            Integer height,
            Integer durationSeconds,
            String url) {
        this(kind, fileId, mimeType, caption, sizeBytes, fileName, width, height, durationSeconds, url, null);
    }

    /** An attachment the platform tells nothing more of. */
    public Attachment(String kind, String fileId, String mimeType, String caption, Long sizeBytes) {
        this(kind, fileId, mimeType, caption, sizeBytes, null, null, null, null, null);
    }

    /** An attachment with what the platform tells of its file, before the connector gives it a URL. */
    public Attachment(
            String kind,
            String fileId,
            String mimeType,
            String caption,
            Long sizeBytes,
            String fileName,
            Integer width,
            Integer height,
            Integer durationSeconds) {
        this(kind, fileId, mimeType, caption, sizeBytes, fileName, width, height, durationSeconds, null);
    }

    /** The same attachment, opened at {@code url}. */
    public Attachment withUrl(String url) {
        return new Attachment(
                kind, fileId, mimeType, caption, sizeBytes, fileName, width, height, durationSeconds, url, location);
    }
}
