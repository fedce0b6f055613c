package net.fiko.connector.kit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.media.FileSystemMediaStore;
import net.fiko.connector.kit.media.MediaKey;
import net.fiko.connector.kit.media.OutboundFile;
import net.fiko.events.Attachment;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply with files becomes the messages its platform takes: the text as the first file's caption where it fits,
 * else first on its own; a file gone, not the kind the message says, or past the platform's limits refuses the reply.
 */
class ReplyPartsTest {

    static final String PHOTO = "upload-00000000-0000-0000-0000-000000000001";
    static final String PDF = "upload-00000000-0000-0000-0000-000000000002";

    @TempDir
    Path root;

    FileSystemMediaStore store;

    @BeforeEach
    void keep() throws Exception {
        store = new FileSystemMediaStore(root, Duration.ofDays(1), 1_000_000, Clock.systemUTC());
        store.put(MediaKey.of("telegram", "t-1", PHOTO), "image/jpeg", new ByteArrayInputStream(new byte[300]), 1000);
        store.put(
                MediaKey.of("telegram", "t-1", PDF), "application/pdf", new ByteArrayInputStream(new byte[900]), 1000);
    }

    @Test
    void aTextThatFitsShouldBeTheFirstFilesCaption() {
        var parts = ready(ReplyParts.of(reply("Your invoice", photo(), pdf()), sender(20, 5000), store));

        assertThat(parts).hasSize(2);
        assertThat(((Part.File) parts.get(0)).caption()).isEqualTo("Your invoice");
        assertThat(((Part.File) parts.get(0)).file().kind()).isEqualTo("photo");
        assertThat(((Part.File) parts.get(1)).caption()).isNull();
        assertThat(((Part.File) parts.get(1)).file().fileName()).isEqualTo("invoice.pdf");
    }

    @Test
    void aTextTooLongForACaptionOrAPlatformWithoutCaptionsShouldGoFirstOnItsOwn() {
        var parts = ready(ReplyParts.of(reply("Your invoice, and more", photo()), sender(10, 5000), store));

        assertThat(parts).containsExactly(new Part.Text("Your invoice, and more"), parts.get(1));
        assertThat(((Part.File) parts.get(1)).caption()).isNull();
        assertThat(ready(ReplyParts.of(reply("Hi", photo()), sender(0, 5000), store))
                        .get(0))
                .isEqualTo(new Part.Text("Hi"));
    }

    @Test
    void aFileGoneOfAnotherKindOrPastThePlatformsLimitShouldRefuseTheReply() {
        var gone = new Attachment(
                "photo", "upload-00000000-0000-0000-0000-0000000000ff", null, null, null, "x.jpg", null, null, null);
        var mislabelled = new Attachment("photo", PDF, null, null, null, "invoice.pdf", null, null, null);

        assertThat(ReplyParts.of(reply("", gone), sender(20, 5000), store))
                .isEqualTo(
                        Target.refused("The file x.jpg is no longer kept to be sent; upload it again", "attachment"));
        assertThat(ReplyParts.of(reply("", mislabelled), sender(20, 5000), store))
                .isEqualTo(Target.refused("The file invoice.pdf is not the photo the message says", "attachment"));
        assertThat(ReplyParts.of(reply("", photo(), pdf()), sender(20, 500), store))
                .isEqualTo(Target.refused("too large for the platform", "too_large"));
        assertThat(ReplyParts.of(
                        new ReplyRequested("e", null, "t-2", "c", "m", "ch", "1", "", List.of(photo())),
                        sender(20, 5000),
                        store))
                .as("another tenant's upload")
                .isInstanceOf(Target.Refused.class);
    }

    private static List<Part> ready(Target<List<Part>> parts) {
        assertThat(parts).isInstanceOf(Target.Ready.class);
        return ((Target.Ready<List<Part>>) parts).value();
    }

    private static Attachment photo() {
        return new Attachment("photo", PHOTO, "image/jpeg", null, 300L, null, null, null, null);
    }

    private static Attachment pdf() {
        return new Attachment("document", PDF, "application/pdf", null, 900L, "invoice.pdf", null, null, null);
    }

    private static ReplyRequested reply(String text, Attachment... files) {
        return new ReplyRequested("e", null, "t-1", "c", "m", "ch", "1", text, List.of(files));
    }

    /** A platform showing captions of {@code maxCaption} characters and taking files up to {@code maxBytes}. */
    private static ReplySender<Object> sender(int maxCaption, long maxBytes) {
        return new ReplySender<>() {
            @Override
            public Platform platform() {
                return Platform.TELEGRAM;
            }

            @Override
            public Topic<OutboundCommand> topic() {
                return null;
            }

            @Override
            public Pacing.Limits limits() {
                return null;
            }

            @Override
            public Target<Object> target(ReplyRequested reply) {
                return Target.ready(reply);
            }

            @Override
            public List<String> parts(String text) {
                return List.of(text);
            }

            @Override
            public int maxCaption() {
                return maxCaption;
            }

            @Override
            public Optional<Refusal> refuses(OutboundFile file) {
                return file.size() > maxBytes
                        ? Optional.of(new Refusal("too large for the platform", "too_large"))
                        : Optional.empty();
            }

            @Override
            public String send(Object target, Part part) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void forget(CustomerDataErasureRequested erasure) {}
        };
    }
}
