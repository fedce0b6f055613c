package net.fiko.connector.kit.media;

import org.springframework.core.io.Resource;

/**
 * An agent's upload about to be sent: what the media store keeps under its id, its kind as its bytes told it when it
 * was taken in ({@link FileKinds}), and the name the agent's app gave it (null when none).
 */
public record OutboundFile(MediaStore store, StoredMedia stored, String kind, String fileName) {

    public String contentType() {
        return stored.contentType();
    }

    public long size() {
        return stored.size();
    }

    /**
     * The file as a part of a multipart request: its length known, a fresh stream each time it is read (a retried call
     * reads it again), named as the agent's app named it or else by its kind.
     */
    public Resource resource() {
        return new StoredResource(
                store, stored, fileName != null ? fileName : kind + FileKinds.extension(contentType()));
    }
}
