package net.fiko.connector.kit.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a file is, told by its first bytes rather than by its name or the type its sender declared: the kinds an agent
 * may send (photos, PDFs, voice notes and audio, videos) and their MIME types. Anything else is no kind.
 */
public final class FileKinds {

    /** How many first bytes {@link #sniff} looks at. */
    public static final int HEAD = 16;

    private FileKinds() {}

    /** A file's kind as the contract names attachments, and its MIME type. */
    public record Detected(String kind, String mimeType) {

        /** Whether a declared type names the same sort of file: image, audio, video or this very type. */
        boolean agreesWith(String declared) {
            if (declared == null || declared.isBlank() || declared.startsWith("application/octet-stream")) {
                return true;
            }
            String family = mimeType.substring(0, mimeType.indexOf('/'));
            String declaredType = declared.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
            return declaredType.equals(mimeType)
                    || (!family.equals("application") && declaredType.startsWith(family + "/"))
                    || (mimeType.equals("audio/mp4") && declaredType.startsWith("video/"));
        }
    }

    /** The kind of a file kept with this MIME type (as {@link #sniff} gave it), or empty for one agents may not send. */
    public static Optional<String> kindOf(String mimeType) {
        return Optional.ofNullable(
                switch (mimeType == null ? "" : mimeType) {
                    case "image/jpeg", "image/png", "image/webp" -> "photo";
                    case "image/gif" -> "animation";
                    case "application/pdf" -> "document";
                    case "audio/ogg" -> "voice";
                    case "audio/mpeg", "audio/mp4" -> "audio";
                    case "video/mp4" -> "video";
                    default -> null;
                });
    }

    /** The usual file name extension of a MIME type {@link #sniff} gives, with its dot; empty for another. */
    public static String extension(String mimeType) {
        return switch (mimeType == null ? "" : mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            case "application/pdf" -> ".pdf";
            case "audio/ogg" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "audio/mp4" -> ".m4a";
            case "video/mp4" -> ".mp4";
            default -> "";
        };
    }

    /** The kind the first bytes of a file show, or empty for a kind agents may not send. */
    public static Optional<Detected> sniff(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(new Detected("photo", "image/jpeg"));
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(new Detected("photo", "image/png"));
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return Optional.of(new Detected("animation", "image/gif"));
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(new Detected("photo", "image/webp"));
        }
        if (ascii(head, 0, "%PDF-")) {
            return Optional.of(new Detected("document", "application/pdf"));
        }
        if (ascii(head, 0, "OggS")) {
            return Optional.of(new Detected("voice", "audio/ogg"));
        }
        if (ascii(head, 0, "ID3") || starts(head, 0xFF, 0xFB) || starts(head, 0xFF, 0xF3)) {
            return Optional.of(new Detected("audio", "audio/mpeg"));
        }
        if (ascii(head, 4, "ftyp")) {
            String brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.US_ASCII) : "";
            return Optional.of(
                    brand.startsWith("M4A") ? new Detected("audio", "audio/mp4") : new Detected("video", "video/mp4"));
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return head.length >= offset + expected.length
                && Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
    }
}
