package net.fiko.events;

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
