package net.fiko.connector.kit.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where a connector keeps copies of media, and for how long ({@code fiko.media.*}).
 *
 * @param directory the filesystem store's folder
 * @param maxFileSize the largest file kept (Telegram's Bot API serves files up to 20 MB)
 * @param retention a copy unused this long is removed (fetched again from the platform when asked for, while the
 *     platform still has it)
 * @param maxTotalSize what the store may hold; past it, the least recently used copies go first
 * @param sweepInterval how often the store looks for what to remove
 * @param linkSecret the key of the links a platform fetches agents' files from ({@link MediaLinks}); every instance
 *     behind one public URL needs the same; without one, each instance makes a random key
 * @param linkValidity how long such a link holds
 * @param store {@code filesystem} (the default: one instance, the local mode) or {@code s3} (shared by every instance)
 * @param s3 the bucket of the {@code s3} store
 */
@ConfigurationProperties("fiko.media")
public record MediaProperties(
        Path directory,
        DataSize maxFileSize,
        Duration retention,
        DataSize maxTotalSize,
        Duration sweepInterval,
        String linkSecret,
        Duration linkValidity,
        String store,
        S3 s3) {

    public MediaProperties {
        directory = directory == null ? Path.of("media") : directory;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        retention = retention == null ? Duration.ofDays(30) : retention;
        maxTotalSize = maxTotalSize == null ? DataSize.ofGigabytes(10) : maxTotalSize;
        sweepInterval = sweepInterval == null ? Duration.ofHours(1) : sweepInterval;
        linkValidity = linkValidity == null ? Duration.ofHours(1) : linkValidity;
        store = store == null || store.isBlank() ? "filesystem" : store;
        s3 = s3 == null ? new S3(null, null, null, null, null, null, null) : s3;
    }

    /**
     * A bucket of an S3-compatible service.
     *
     * @param endpoint the service's URL; empty for AWS itself
     * @param region the region (any name for most S3-compatible services)
     * @param bucket the bucket, which must exist
     * @param prefix put before every object's key
     * @param accessKey the access key; empty to use the AWS SDK's default credentials (environment, profile, role)
     * @param secretKey its secret
     * @param pathStyle bucket in the path rather than the host name, as most S3-compatible services want
     */
    public record S3(
            String endpoint,
            String region,
            String bucket,
            String prefix,
            String accessKey,
            String secretKey,
            Boolean pathStyle) {

        public S3 {
            region = region == null || region.isBlank() ? "us-east-1" : region;
            bucket = bucket == null || bucket.isBlank() ? "fiko-media" : bucket;
            prefix = prefix == null ? "" : prefix;
            pathStyle = pathStyle == null || pathStyle;
        }
    }
}
