package net.fiko.connector.kit.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemMediaStoreTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void aStoredFileShouldBeFoundWithItsTypeAndReadWholeOrByRange() throws Exception {
        var store = new FileSystemMediaStore(root, Duration.ofDays(30), 1_000, Clock.fixed(NOW, ZoneOffset.UTC));
        var key = new MediaKey("telegram", "tenant-1", "a1");
        StoredMedia stored = store.put(key, "audio/ogg", bytes("0123456789"), 100);

        assertThat(stored.size()).isEqualTo(10);
        assertThat(store.find(key)).contains(new StoredMedia(key, "audio/ogg", 10, NOW));
        assertThat(read(store.open(key, 0, 10))).isEqualTo("0123456789");
        assertThat(read(store.open(key, 3, 4))).isEqualTo("3456");
        assertThat(read(store.open(key, 8, 100))).isEqualTo("89");
        assertThat(store.find(new MediaKey("telegram", "tenant-2", "a1"))).isEmpty();
    }

    @Test
    void aFileOverTheLimitShouldBeRefusedWithNothingKeptAndTheOldCopyUntouched() throws Exception {
        var store = new FileSystemMediaStore(root, Duration.ofDays(30), 1_000, Clock.fixed(NOW, ZoneOffset.UTC));
        var key = new MediaKey("instagram", "tenant-1", "b2");
        store.put(key, "image/jpeg", bytes("old"), 10);

        assertThatThrownBy(() -> store.put(key, "image/jpeg", bytes("far too long for ten"), 10))
                .isInstanceOf(MediaTooLargeException.class);

        assertThat(read(store.open(key, 0, 100))).isEqualTo("old");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("b2", "b2.type");
        }
    }

    @Test
    void aKeyShouldNeverNameAPlaceOutsideTheStore() {
        assertThatThrownBy(() -> new MediaKey("telegram", "..", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaKey("telegram", "t", "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaKey("telegram", "t", "photo of me.jpg"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaKey("telegram", "t", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSweepShouldRemoveWhatWentUnusedThenTheLeastRecentlyUsedPastTheCap() throws Exception {
        var store = new FileSystemMediaStore(root, Duration.ofDays(30), 25, Clock.fixed(NOW, ZoneOffset.UTC));
        var stale = new MediaKey("telegram", "t", "stale");
        var older = new MediaKey("telegram", "t", "older");
        var newer = new MediaKey("telegram", "t", "newer");
        var newest = new MediaKey("telegram", "t", "newest");
        for (MediaKey key : new MediaKey[] {stale, older, newer, newest}) {
            store.put(key, "image/png", bytes("0123456789"), 100);
        }
        lastUsed(stale, NOW.minus(Duration.ofDays(31)));
        lastUsed(older, NOW.minus(Duration.ofDays(3)));
        lastUsed(newer, NOW.minus(Duration.ofDays(2)));
        lastUsed(newest, NOW.minus(Duration.ofDays(1)));
        Path crashed = root.resolve("telegram/t/x.123.partial");
        Files.writeString(crashed, "half");
        Files.setLastModifiedTime(crashed, FileTime.from(NOW.minus(Duration.ofHours(2))));

        // 40 bytes kept, 25 allowed: the stale one goes for its age, then the least recently used for the cap.
        assertThat(store.sweep(NOW)).isEqualTo(2);

        assertThat(store.find(stale)).isEmpty();
        assertThat(store.find(older)).isEmpty();
        assertThat(store.find(newer)).isPresent();
        assertThat(store.find(newest)).isPresent();
        assertThat(crashed).doesNotExist();
    }

    @Test
    void findingAFileShouldCountAsAUse() throws Exception {
        var store = new FileSystemMediaStore(root, Duration.ofDays(30), 1_000, Clock.fixed(NOW, ZoneOffset.UTC));
        var key = new MediaKey("telegram", "t", "used");
        store.put(key, "image/png", bytes("x"), 10);
        lastUsed(key, NOW.minus(Duration.ofDays(40)));

        assertThat(store.find(key)).isPresent();

        assertThat(store.sweep(NOW)).isZero();
        assertThat(store.find(key)).isPresent();
    }

    private void lastUsed(MediaKey key, Instant when) throws Exception {
        Files.setLastModifiedTime(root.resolve(key.path()), FileTime.from(when));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
