package net.fiko.connector.kit.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.fiko.testsupport.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3-compatible store against a real S3 server (S3Proxy, with AWS signatures): files whole and by range, the size
 * limit with nothing kept, last use refreshed when found, and the sweep by retention and by the size cap.
 */
class S3MediaStoreTest {

    static S3Server server;
    static S3Client s3;

    String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start(Path.of("target/s3proxy/s3proxy.jar"), Files.createTempDirectory("s3proxy-"));
        s3 = S3Clients.of(new MediaProperties.S3(
                server.endpoint(), null, null, null, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true));
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newBucket() {
        bucket = "media-" + UUID.randomUUID();
        s3.createBucket(create -> create.bucket(bucket));
    }

    @Test
    void aStoredFileShouldBeFoundWithItsTypeAndReadWholeOrByRange() throws Exception {
        var store = store(Clock.systemUTC(), 1_000_000);
        MediaKey key = MediaKey.of("telegram", "tenant-1", "upload-1");
        byte[] bytes = bytes(5000);

        StoredMedia stored = store.put(key, "audio/ogg", new ByteArrayInputStream(bytes), 10_000);

        assertThat(stored.size()).isEqualTo(5000);
        assertThat(store.find(key)).hasValueSatisfying(found -> {
            assertThat(found.contentType()).isEqualTo("audio/ogg");
            assertThat(found.size()).isEqualTo(5000);
        });
        try (var whole = store.open(key, 0, 5000)) {
            assertThat(whole.readAllBytes()).isEqualTo(bytes);
        }
        try (var range = store.open(key, 4000, 1000)) {
            assertThat(range.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 4000, 5000));
        }
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents())
                .singleElement()
                .satisfies(object -> assertThat(object.key()).isEqualTo("fiko/telegram/tenant-1/upload-1"));
        store.delete(key);
        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void aFileOverTheLimitShouldBeRefusedWithNothingKeptAndTheOldCopyUntouched() throws Exception {
        var store = store(Clock.systemUTC(), 1_000_000);
        MediaKey key = MediaKey.of("instagram", "tenant-1", "photo");
        store.put(key, "image/jpeg", new ByteArrayInputStream(bytes(100)), 1000);

        assertThatThrownBy(() -> store.put(key, "image/png", new ByteArrayInputStream(bytes(1001)), 1000))
                .isInstanceOf(MediaTooLargeException.class);
        assertThatThrownBy(() -> store.put(
                        MediaKey.of("instagram", "tenant-1", "other"),
                        "image/png",
                        new ByteArrayInputStream(bytes(1001)),
                        1000))
                .isInstanceOf(MediaTooLargeException.class);

        assertThat(store.find(key)).hasValueSatisfying(kept -> {
            assertThat(kept.contentType()).isEqualTo("image/jpeg");
            assertThat(kept.size()).isEqualTo(100);
        });
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).hasSize(1);
    }

    @Test
    void findingAFileLongUnusedShouldCountAsAUse() throws Exception {
        MediaKey key = MediaKey.of("telegram", "tenant-1", "old");
        store(Clock.systemUTC(), 1_000_000).put(key, "image/jpeg", new ByteArrayInputStream(bytes(10)), 1000);
        Instant stored = modified(key);
        awaitStoreClockPast(stored); // object stores keep times to the second: a touch now would show

        store(Clock.systemUTC(), 1_000_000).find(key);
        assertThat(modified(key)).as("found within a day of its last use").isEqualTo(stored);
        store(Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), 1_000_000).find(key);
        assertThat(modified(key)).as("found two days on").isAfter(stored);
    }

    @Test
    void theSweepShouldRemoveWhatWentUnusedThenTheOldestPastTheCap() throws Exception {
        var store = store(Clock.systemUTC(), 2500);
        MediaKey first = MediaKey.of("telegram", "tenant-1", "first");
        MediaKey second = MediaKey.of("telegram", "tenant-1", "second");
        MediaKey third = MediaKey.of("telegram", "tenant-2", "third");
        store.put(first, "image/jpeg", new ByteArrayInputStream(bytes(1000)), 10_000);
        awaitStoreClockPast(modified(first));
        store.put(second, "image/jpeg", new ByteArrayInputStream(bytes(1000)), 10_000);
        awaitStoreClockPast(modified(second));
        store.put(third, "image/jpeg", new ByteArrayInputStream(bytes(1000)), 10_000);

        assertThat(store.sweep(Instant.now()))
                .as("3000 bytes over a cap of 2500")
                .isEqualTo(1);
        assertThat(store.find(first)).isEmpty();
        assertThat(store.find(second)).isPresent();
        assertThat(store.sweep(Instant.now().plus(Duration.ofDays(31))))
                .as("past the retention")
                .isEqualTo(2);
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix("fiko/")).contents())
                .isEmpty();
    }

    private S3MediaStore store(Clock clock, long maxTotalBytes) {
        return new S3MediaStore(s3, bucket, "fiko/", Duration.ofDays(30), maxTotalBytes, clock);
    }

    /**
     * Waits until an object written now would get a later time than {@code time}: the server's clock, not this
     * one's, orders the objects (a probe object outside the store's prefix shows it).
     */
    private void awaitStoreClockPast(Instant time) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    s3.putObject(put -> put.bucket(bucket).key("clock-probe"), RequestBody.fromBytes(new byte[1]));
                    return s3.headObject(head -> head.bucket(bucket).key("clock-probe"))
                            .lastModified()
                            .isAfter(time);
                });
    }

    private Instant modified(MediaKey key) {
        return s3.headObject(head -> head.bucket(bucket).key("fiko/" + key.path()))
                .lastModified();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        return bytes;
    }
}
