package net.fiko.connector.kit.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the connectors keep copies of media: customers' files fetched from the platforms, agents' uploads before they
 * are sent (docs/decisions/0003-media.md). A filesystem store serves the local mode and single-node installs
 * ({@link FileSystemMediaStore}); production uses an S3-compatible one. What is kept goes once unused for the
 * store's retention, or, past its size cap, oldest use first ({@link #sweep}).
 */
public interface MediaStore {

    /**
     * Keeps {@code content} under {@code key}, replacing what was there, once it has been read whole: a reader never
     * sees half a file, and a file over {@code maxBytes} is refused ({@link MediaTooLargeException}) with nothing kept.
     */
    StoredMedia put(MediaKey key, String contentType, InputStream content, long maxBytes) throws IOException;

    /** The file kept under {@code key}, if any; finding it counts as a use. */
    Optional<StoredMedia> find(MediaKey key) throws IOException;

    /** Reads {@code length} bytes from {@code offset} (a range of an audio or video file, or the whole of it). */
    InputStream open(MediaKey key, long offset, long length) throws IOException;

    void delete(MediaKey key) throws IOException;

    /** Removes what has gone unused for the retention, then the least recently used past the size cap; how many. */
    int sweep(Instant now) throws IOException;
}
