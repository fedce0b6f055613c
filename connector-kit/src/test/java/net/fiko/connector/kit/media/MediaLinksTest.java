package net.fiko.connector.kit.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link a platform fetches a file from holds for that file only, until it expires, and only with its signature. */
class MediaLinksTest {

    static final MediaKey FILE = MediaKey.of("instagram", "tenant-1", "upload-5b0e7c1e-2f4d-4a8b-9c6e-1d2f3a4b5c6d");
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void aLinkShouldHoldForItsFileUntilItExpires() {
        MediaLinks links = links(NOW, "secret");
        Map<String, String> link = parts(links.link(FILE));

        assertThat(link.get("path")).isEqualTo("/links/media/" + FILE.path());
        assertThat(Long.parseLong(link.get("expires")))
                .isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
        assertThat(verify(links, FILE, link)).hasValue(FILE);
        assertThat(verify(links(NOW.plusSeconds(3600), "secret"), FILE, link)).hasValue(FILE);
        assertThat(verify(links(NOW.plusSeconds(3601), "secret"), FILE, link))
                .as("expired")
                .isEmpty();
    }

    @Test
    void aLinkAlteredOrSignedWithAnotherKeyShouldNameNothing() {
        MediaLinks links = links(NOW, "secret");
        Map<String, String> link = parts(links.link(FILE));
        MediaKey other = MediaKey.of("instagram", "tenant-2", FILE.id());

        assertThat(verify(links, other, link)).as("another tenant's file").isEmpty();
        assertThat(links.verified(
                        "instagram",
                        "tenant-1",
                        FILE.id(),
                        Long.toString(NOW.getEpochSecond() + 999_999),
                        link.get("signature")))
                .as("a later expiry")
                .isEmpty();
        assertThat(verify(links(NOW, "another secret"), FILE, link)).isEmpty();
        assertThat(verify(links(NOW, null), FILE, link)).as("a random key").isEmpty();
        assertThat(links.verified("instagram", "..", FILE.id(), link.get("expires"), link.get("signature")))
                .isEmpty();
        assertThat(links.verified("instagram", "tenant-1", FILE.id(), "soon", link.get("signature")))
                .isEmpty();
    }

    private MediaLinks links(Instant now, String secret) {
        var clock = Clock.fixed(now, ZoneOffset.UTC);
        return new MediaLinks(
                new FileSystemMediaStore(root, Duration.ofDays(1), 1_000_000, clock),
                secret,
                Duration.ofHours(1),
                clock);
    }

    private static java.util.Optional<MediaKey> verify(MediaLinks links, MediaKey key, Map<String, String> link) {
        return links.verified(key.platform(), key.tenant(), key.id(), link.get("expires"), link.get("signature"));
    }

    private static Map<String, String> parts(String link) {
        URI uri = URI.create(link);
        Map<String, String> parts = Stream.of(uri.getQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        parts.put("path", uri.getPath());
        return parts;
    }
}
