package net.fiko.connector.kit.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The media store of a production install: objects in a bucket of any S3-compatible service (AWS S3, MinIO, Ceph,
 * R2...), {@code <prefix><platform>/<tenant>/<id>}, shared by every instance of a connector. A file is written to a
 * temporary file first, so the size limit holds before anything is stored and an object is never half a file. An
 * object's last use is its modification time, refreshed at most once a day by copying it onto itself when it is found,
 * so the retention counts from the last use, as in the filesystem store. A failure of the service is an
 * {@link IOException}: the caller's to retry.
 */
public final class S3MediaStore implements MediaStore, AutoCloseable {

    /** How stale an object's modification time may grow before finding it refreshes it. */
    static final Duration TOUCH_AFTER = Duration.ofDays(1);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Duration retention;
    private final long maxTotalBytes;
    private final Clock clock;

    public S3MediaStore(
            S3Client s3, String bucket, String prefix, Duration retention, long maxTotalBytes, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.retention = retention;
        this.maxTotalBytes = maxTotalBytes;
        this.clock = clock;
    }

    @Override
    public StoredMedia put(MediaKey key, String contentType, InputStream content, long maxBytes) throws IOException {
        Path staged = Files.createTempFile("fiko-media-", ".partial");
        try {
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(staged)) {
                for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                    size += read;
                    if (size > maxBytes) {
                        throw new MediaTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            call(() -> s3.putObject(
                    put -> put.bucket(bucket).key(object(key)).contentType(contentType), RequestBody.fromFile(staged)));
            return new StoredMedia(key, contentType, size, clock.instant());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public Optional<StoredMedia> find(MediaKey key) throws IOException {
        HeadObjectResponse head;
        try {
            head = call(() -> s3.headObject(request -> request.bucket(bucket).key(object(key))));
        } catch (NotFound gone) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (head.lastModified().plus(TOUCH_AFTER).isBefore(now)) {
            call(() -> s3.copyObject(copy -> copy.sourceBucket(bucket)
                    .sourceKey(object(key))
                    .destinationBucket(bucket)
                    .destinationKey(object(key))
                    .contentType(head.contentType())
                    .metadataDirective(MetadataDirective.REPLACE)));
        }
        return Optional.of(new StoredMedia(key, head.contentType(), head.contentLength(), now));
    }

    @Override
    public InputStream open(MediaKey key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        return call(() -> s3.getObject(
                get -> get.bucket(bucket).key(object(key)).range("bytes=" + offset + "-" + (offset + length - 1))));
    }

    @Override
    public void delete(MediaKey key) throws IOException {
        call(() -> s3.deleteObject(request -> request.bucket(bucket).key(object(key))));
    }

    @Override
    public int sweep(Instant now) throws IOException {
        List<S3Object> kept = new ArrayList<>();
        call(() -> s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
                        .toList())
                .forEach(kept::add);
        kept.sort(Comparator.comparing(S3Object::lastModified));
        long total = kept.stream().mapToLong(S3Object::size).sum();
        int removed = 0;
        for (S3Object object : kept) {
            if (object.lastModified().plus(retention).isBefore(now) || total > maxTotalBytes) {
                call(() -> s3.deleteObject(request -> request.bucket(bucket).key(object.key())));
                total -= object.size();
                removed++;
            }
        }
        return removed;
    }

    /** Closes the client's connections (Spring calls it when the context closes). */
    @Override
    public void close() {
        s3.close();
    }

    private String object(MediaKey key) {
        return prefix + key.path();
    }

    /** A call to the service: an object that is not there is {@link NotFound}, any other failure an IOException. */
    private static <T> T call(java.util.function.Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (NoSuchKeyException e) {
            throw new NotFound();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound();
            }
            throw new IOException("The media store answered " + e.statusCode() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("The media store could not be reached: " + e.getMessage(), e);
        }
    }

    /** The object is not in the bucket. */
    private static final class NotFound extends IOException {

        NotFound() {
            super("not in the media store");
        }
    }
}
