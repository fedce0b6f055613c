package net.fiko.events;

/**
 * Media a customer sent. {@code fileId} is the platform's reference (a Telegram file id, an Instagram CDN URL kept
 * as a reference only); never a URL that embeds a bot token.
 */
public record Attachment(String kind, String fileId, String mimeType, String caption, Long sizeBytes) {}
