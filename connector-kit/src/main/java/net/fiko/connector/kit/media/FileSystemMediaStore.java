package net.fiko.connector.kit.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link MediaStore} in a folder: each file at its key's path, its MIME type beside it ({@code <id>.type}), its last
 * use its modification time. Written to a temporary file and moved into place, so a reader finds the old file or the
 * new one, never a part; a temporary file a crash left is removed by the next sweep an hour on.
 */
public final class FileSystemMediaStore implements MediaStore {

    private static final String TYPE = ".type";
    private static final String PARTIAL = ".partial";

    private final Path root;
    private final Duration retention;
    private final long maxTotalBytes;
    private final Clock clock;

    public FileSystemMediaStore(Path root, Duration retention, long maxTotalBytes, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.retention = retention;
        this.maxTotalBytes = maxTotalBytes;
        this.clock = clock;
    }

    @Override
    public StoredMedia put(MediaKey key, String contentType, InputStream content, long maxBytes) throws IOException {
        Path file = file(key);
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), key.id() + ".", PARTIAL);
        long size = 0;
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = content.read(buffer)) >= 0; ) {
                    size += read;
                    if (size > maxBytes) {
                        throw new MediaTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            Files.writeString(type(file), contentType, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        Instant now = clock.instant();
        Files.setLastModifiedTime(file, FileTime.from(now));
        return new StoredMedia(key, contentType, size, now);
    }

    @Override
    public Optional<StoredMedia> find(MediaKey key) throws IOException {
        Path file = file(key);
        try {
            long size = Files.size(file);
            String contentType = Files.readString(type(file), StandardCharsets.UTF_8);
            Instant now = clock.instant();
            Files.setLastModifiedTime(file, FileTime.from(now));
            return Optional.of(new StoredMedia(key, contentType, size, now));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(MediaKey key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file(key), StandardOpenOption.READ);
        channel.position(offset);
        InputStream whole = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int next = whole.read();
                left -= next < 0 ? left : 1;
                return next;
            }

            @Override
            public int read(byte[] buffer, int start, int count) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = whole.read(buffer, start, (int) Math.min(count, left));
                left -= read < 0 ? left : read;
                return read;
            }

            /** Moves the file's position: a range far into a video is not read to get there. */
            @Override
            public long skip(long count) throws IOException {
                long skipped = whole.skip(Math.min(Math.max(count, 0), left));
                left -= skipped;
                return skipped;
            }

            @Override
            public void close() throws IOException {
                whole.close();
            }
        };
    }

    @Override
    public void delete(MediaKey key) throws IOException {
        Path file = file(key);
        Files.deleteIfExists(file);
        Files.deleteIfExists(type(file));
    }

    @Override
    public int sweep(Instant now) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Kept> kept = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(PARTIAL)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofHours(1)))) {
                    Files.deleteIfExists(file); // left by a write that never finished: a crash
                } else if (Files.isRegularFile(file) && !name.endsWith(TYPE) && !name.endsWith(PARTIAL)) {
                    kept.add(new Kept(
                            file,
                            Files.size(file),
                            Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
        kept.sort(Comparator.comparing(Kept::lastUsed));
        long total = kept.stream().mapToLong(Kept::size).sum();
        int removed = 0;
        for (Kept file : kept) {
            boolean expired = file.lastUsed().plus(retention).isBefore(now);
            if (expired || total > maxTotalBytes) {
                Files.deleteIfExists(file.path());
                Files.deleteIfExists(type(file.path()));
                total -= file.size();
                removed++;
            }
        }
        return removed;
    }

    private Path file(MediaKey key) {
        return root.resolve(key.path());
    }

    private static Path type(Path file) {
        return file.resolveSibling(file.getFileName() + TYPE);
    }

    private record Kept(Path path, long size, Instant lastUsed) {}
}
