package net.fiko.connector.kit.media;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored file as a Spring {@code Resource}: its length known without reading it, and a fresh stream each time it is
 * read, so Spring MVC can answer ranges from it (the filesystem store's stream skips by moving its position).
 */
final class StoredResource extends AbstractResource {

    private final MediaStore store;
    private final StoredMedia media;
    private final String fileName;

    StoredResource(MediaStore store, StoredMedia media) {
        this(store, media, null);
    }

    /** The file under a name: a multipart part's {@code filename}. */
    StoredResource(MediaStore store, StoredMedia media, String fileName) {
        this.store = store;
        this.media = media;
        this.fileName = fileName;
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return store.open(media.key(), 0, media.size());
    }

    @Override
    public long contentLength() {
        return media.size();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getDescription() {
        return "media " + media.key().path();
    }
}
