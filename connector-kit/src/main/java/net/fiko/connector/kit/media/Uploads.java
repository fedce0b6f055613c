package net.fiko.connector.kit.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import net.fiko.events.Attachment;

/**
 * An agent's file, taken in to be sent: refused unless its first bytes show a kind agents may send ({@link FileKinds})
 * and that kind agrees with the type its sender declared (a PDF named {@code photo.jpg} is refused, not sent as a
 * photo), refused past the size limit with nothing kept, else kept in the media store under a new id.
 */
public final class Uploads {

    private final MediaStore store;
    private final long maxBytes;

    public Uploads(MediaStore store, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** A file an agent may send, kept: its id, kind, type, size and name. */
    public record Uploaded(String id, String kind, String mimeType, long sizeBytes, String fileName) {}

    /** Why an upload was refused, in a sentence for the agent. */
    public static final class Refused extends RuntimeException {

        public Refused(String reason) {
            super(reason);
        }
    }

    /** A kept upload, and the store it is read from. */
    record Kept(MediaStore store, StoredMedia media) {

        StoredResource resource() {
            return new StoredResource(store, media);
        }
    }

    /** The tenant's upload of this id, if it is still kept; nothing for an id that is not an upload's. */
    Optional<Kept> find(String platform, String tenant, String id) throws IOException {
        if (!Attachment.isUploadId(id)) {
            return Optional.empty();
        }
        return store.find(MediaKey.of(platform, tenant, id)).map(media -> new Kept(store, media));
    }

    public Uploaded accept(String platform, String tenant, String declaredType, String fileName, InputStream body)
            throws IOException {
        var in = new BufferedInputStream(body);
        in.mark(FileKinds.HEAD);
        byte[] head = in.readNBytes(FileKinds.HEAD);
        in.reset();
        FileKinds.Detected detected = FileKinds.sniff(head)
                .orElseThrow(() -> new Refused(
                        "This kind of file cannot be sent: photos (JPEG, PNG, WebP, GIF), PDFs, audio and videos can"));
        if (!detected.agreesWith(declaredType)) {
            throw new Refused("The file is not what its type says: it is " + detected.mimeType());
        }
        String id = Attachment.newUploadId();
        StoredMedia stored = store.put(MediaKey.of(platform, tenant, id), detected.mimeType(), in, maxBytes);
        return new Uploaded(id, detected.kind(), detected.mimeType(), stored.size(), cleanName(fileName));
    }

    /** The name to show, without a path and at most 255 characters; null when there is none. */
    private static String cleanName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "");
        return name.length() <= 255 ? name : name.substring(0, 255);
    }
}
