package net.fiko.connector.kit.media;

import java.time.Instant;

/** A file a {@link MediaStore} keeps: its key, its MIME type, its size, and when it was last stored or found. */
public record StoredMedia(MediaKey key, String contentType, long size, Instant lastUsed) {}
