package net.fiko.connector.instagram.outbound;

import java.util.Optional;
import java.util.Set;
import net.fiko.connector.kit.delivery.ReplySender;
import net.fiko.connector.kit.media.OutboundFile;

/**
 * The files Instagram's Send API takes, and as what: images (PNG, JPEG, GIF) up to 8 MB; audio (AAC, M4A, WAV, MP4)
 * and videos (MP4, OGG, AVI, MOV, WebM) up to 25 MB; PDFs as files up to 25 MB. Anything else is refused before
 * calling Meta, saying what Instagram takes.
 */
final class InstagramFiles {

    static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;
    static final long MAX_OTHER_BYTES = 25L * 1024 * 1024;

    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif");
    private static final Set<String> AUDIO = Set.of("audio/mp4", "audio/aac", "audio/wav");
    private static final Set<String> VIDEOS = Set.of("video/mp4");

    private InstagramFiles() {}

    /** The Send API's attachment type for a file it takes. */
    static String type(OutboundFile file) {
        String type = file.contentType();
        if (IMAGES.contains(type)) {
            return "image";
        }
        if (AUDIO.contains(type)) {
            return "audio";
        }
        if (VIDEOS.contains(type)) {
            return "video";
        }
        return "file";
    }

    static Optional<ReplySender.Refusal> refuses(OutboundFile file) {
        String type = file.contentType();
        boolean image = IMAGES.contains(type);
        if (!image && !AUDIO.contains(type) && !VIDEOS.contains(type) && !"application/pdf".equals(type)) {
            return Optional.of(new ReplySender.Refusal(
                    type.startsWith("image/")
                            ? "Instagram takes photos as JPEG, PNG or GIF"
                            : type.startsWith("audio/")
                                    ? "Instagram takes audio as M4A (AAC) or WAV"
                                    : "Instagram does not take this kind of file",
                    "unsupported"));
        }
        if (image && file.size() > MAX_IMAGE_BYTES) {
            return Optional.of(new ReplySender.Refusal("Instagram takes photos of at most 8 MB", "too_large"));
        }
        if (file.size() > MAX_OTHER_BYTES) {
            return Optional.of(new ReplySender.Refusal("Instagram takes files of at most 25 MB", "too_large"));
        }
        return Optional.empty();
    }
}
