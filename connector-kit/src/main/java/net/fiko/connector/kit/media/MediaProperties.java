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
 */
@ConfigurationProperties("fiko.media")
public record MediaProperties(
        Path directory,
        DataSize maxFileSize,
        Duration retention,
        DataSize maxTotalSize,
        Duration sweepInterval,
        String linkSecret,
        Duration linkValidity) {

    public MediaProperties {
        directory = directory == null ? Path.of("media") : directory;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        retention = retention == null ? Duration.ofDays(30) : retention;
        maxTotalSize = maxTotalSize == null ? DataSize.ofGigabytes(10) : maxTotalSize;
        sweepInterval = sweepInterval == null ? Duration.ofHours(1) : sweepInterval;
        linkValidity = linkValidity == null ? Duration.ofHours(1) : linkValidity;
    }
}
