package net.fiko.connector.kit.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's file is taken by what its bytes are: a disguised or unknown one is refused, as is one too large. */
class UploadsTest {

    static final byte[] JPEG = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, 400);
    static final byte[] PDF = bytes("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1), 600);
    static final byte[] OGG = bytes("OggS\0\u0002".getBytes(StandardCharsets.ISO_8859_1), 300);
    static final byte[] EXE = bytes(new int[] {'M', 'Z', 0x90, 0, 3, 0, 0, 0}, 500);

    @TempDir
    Path root;

    @Test
    void aPhotoAPdfAndAVoiceNoteShouldBeKeptWithTheTypeTheirBytesShow() throws Exception {
        var uploads = uploads(10_000);

        var photo = uploads.accept("telegram", "t-1", "image/jpeg", "C:\\Users\\sara\\box.jpg", in(JPEG));
        assertThat(photo.kind()).isEqualTo("photo");
        assertThat(photo.mimeType()).isEqualTo("image/jpeg");
        assertThat(photo.sizeBytes()).isEqualTo(JPEG.length);
        assertThat(photo.fileName()).isEqualTo("box.jpg");
        var pdf = uploads.accept("telegram", "t-1", "application/pdf", "invoice.pdf", in(PDF));
        assertThat(pdf.kind()).isEqualTo("document");
        var voice = uploads.accept("instagram", "t-1", null, null, in(OGG));
        assertThat(voice.kind()).isEqualTo("voice");
        assertThat(voice.mimeType()).isEqualTo("audio/ogg");

        var store = new FileSystemMediaStore(root, Duration.ofDays(1), 1_000_000, Clock.systemUTC());
        assertThat(store.find(MediaKey.of("telegram", "t-1", photo.id())))
                .hasValueSatisfying(kept -> assertThat(kept.contentType()).isEqualTo("image/jpeg"));
        try (var read = store.open(MediaKey.of("telegram", "t-1", pdf.id()), 0, PDF.length)) {
            assertThat(read.readAllBytes()).isEqualTo(PDF);
        }
    }

    @Test
    void aDisguisedAnUnknownOrAnOversizedFileShouldBeRefusedWithNothingKept() throws Exception {
        var uploads = uploads(450);

        assertThatThrownBy(() -> uploads.accept("telegram", "t-1", "image/jpeg", "holiday.jpg", in(EXE)))
                .isInstanceOf(Uploads.Refused.class)
                .hasMessageContaining("cannot be sent");
        assertThatThrownBy(() -> uploads.accept("telegram", "t-1", "image/png", "photo.png", in(PDF)))
                .isInstanceOf(Uploads.Refused.class)
                .hasMessage("The file is not what its type says: it is application/pdf");
        assertThatThrownBy(() -> uploads.accept("telegram", "t-1", "application/pdf", "big.pdf", in(PDF)))
                .isInstanceOf(MediaTooLargeException.class);

        try (Stream<Path> kept = Files.walk(root)) {
            assertThat(kept.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void everyKindAFileIsTakenAsShouldBeOneAChatMessageMaySend() throws Exception {
        var uploads = uploads(10_000);
        for (byte[] file : new byte[][] {JPEG, PDF, OGG}) {
            var kept = uploads.accept("telegram", "t-1", null, null, in(file));
            assertThat(net.fiko.events.Attachment.isUploadId(kept.id())).isTrue();
            assertThat(net.fiko.events.Attachment.UPLOAD_KINDS).contains(kept.kind());
        }
        for (String type : new String[] {
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/gif",
            "application/pdf",
            "audio/ogg",
            "audio/mpeg",
            "audio/mp4",
            "video/mp4"
        }) {
            assertThat(FileKinds.kindOf(type))
                    .hasValueSatisfying(kind ->
                            assertThat(net.fiko.events.Attachment.UPLOAD_KINDS).contains(kind));
        }
    }

    private Uploads uploads(long maxBytes) {
        return new Uploads(new FileSystemMediaStore(root, Duration.ofDays(1), 1_000_000, Clock.systemUTC()), maxBytes);
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] bytes(int[] head, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < head.length; i++) {
            bytes[i] = (byte) head[i];
        }
        return bytes;
    }

    private static byte[] bytes(byte[] head, int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
