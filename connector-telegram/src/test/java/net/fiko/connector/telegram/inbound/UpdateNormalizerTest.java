package net.fiko.connector.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.events.Attachment;
import net.fiko.events.EventJson;
import net.fiko.events.Place;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.testsupport.ContractChecks;
import org.junit.jupiter.api.Test;

/** What Telegram tells of a customer's files reaches the event: names, dimensions, durations, as the contract has them. */
class UpdateNormalizerTest {

    static final Channel CHANNEL =
            new Channel("ch-1", "tenant-1", 42, "shop_bot", "connected", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aPhotoShouldCarryItsLargestSizeAndItsDimensions() {
        List<Attachment> attachments = attachments("""
                "photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 67, "file_size": 1200},
                          {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960, "file_size": 96000}],
                "caption": "The box arrived like this\"""");

        assertThat(attachments)
                .containsExactly(new Attachment(
                        "photo", "large", "image/jpeg", "The box arrived like this", 96000L, null, 1280, 960, null));
    }

    @Test
    void aVoiceNoteShouldCarryItsDurationAndADocumentItsName() {
        assertThat(attachments("""
                        "voice": {"file_id": "v1", "file_unique_id": "v", "duration": 7, "mime_type": "audio/ogg",
                                  "file_size": 14300}"""))
                .containsExactly(new Attachment("voice", "v1", "audio/ogg", null, 14300L, null, null, null, 7));
        assertThat(attachments("""
                        "document": {"file_id": "d1", "file_unique_id": "d", "file_name": "invoice-0042.pdf",
                                     "mime_type": "application/pdf", "file_size": 52000}"""))
                .containsExactly(new Attachment(
                        "document", "d1", "application/pdf", null, 52000L, "invoice-0042.pdf", null, null, null));
        assertThat(attachments("""
                        "video_note": {"file_id": "n1", "file_unique_id": "n", "length": 240, "duration": 12}"""))
                .containsExactly(new Attachment("video_note", "n1", null, null, null, null, 240, 240, 12));
    }

    @Test
    void figuresThatAreNoWholeNumbersAndOverlongNamesShouldNotPass() {
        Attachment video = attachments("""
                        "video": {"file_id": "x", "file_unique_id": "x", "width": -5, "height": "tall",
                                  "duration": 1e30, "file_name": "%s"}""".formatted("n".repeat(300))).get(0);

        assertThat(video.width()).isNull();
        assertThat(video.height()).isNull();
        assertThat(video.durationSeconds()).isNull();
        assertThat(video.fileName()).hasSize(255);
    }

    @Test
    void aStickerShouldShowAsAnImageWithItsEmojiAndAnAnimatedOneByItsThumbnail() {
        List<Attachment> still = attachments("""
                "sticker": {"file_id": "st1", "file_unique_id": "s", "width": 512, "height": 512, "emoji": "👍",
                            "is_animated": false, "is_video": false, "file_size": 20000}""", "https://tg.example/api/media/telegram");
        assertThat(still)
                .containsExactly(new Attachment(
                        "sticker",
                        "st1",
                        "image/webp",
                        "👍",
                        20000L,
                        null,
                        512,
                        512,
                        null,
                        "https://tg.example/api/media/telegram/ch-1/st1"));

        Attachment animated =
                attachments("""
                "sticker": {"file_id": "st2", "file_unique_id": "a", "width": 512, "height": 512, "emoji": "🎉",
                            "is_animated": true, "is_video": false,
                            "thumbnail": {"file_id": "th2", "file_unique_id": "t", "width": 128, "height": 128}}""", "https://tg.example/api/media/telegram").get(0);
        assertThat(animated.fileId()).isEqualTo("st2");
        assertThat(animated.mimeType()).isEqualTo("application/x-tgsticker");
        assertThat(animated.url()).as("a still a browser draws").endsWith("/ch-1/th2");
    }

    @Test
    void aLocationShouldCarryItsPlaceAndAMapAndAVenueItsNameAndAddress() {
        Attachment location = attachments("""
                        "location": {"latitude": 35.699739, "longitude": 51.338097}""").get(0);
        assertThat(location.kind()).isEqualTo("location");
        assertThat(location.caption()).as("as before: latitude,longitude").isEqualTo("35.699739,51.338097");
        assertThat(location.location()).isEqualTo(new Place(35.699739, 51.338097, null, null));
        assertThat(location.url())
                .isEqualTo("https://www.openstreetmap.org/?mlat=35.699739&mlon=51.338097#map=16/35.699739/51.338097");

        Attachment venue = attachments("""
                        "location": {"latitude": 35.7, "longitude": 51.4},
                        "venue": {"location": {"latitude": 35.7, "longitude": 51.4}, "title": "Azadi Tower",
                                  "address": "Azadi Square, Tehran"}""").get(0);
        assertThat(venue.location()).isEqualTo(new Place(35.7, 51.4, "Azadi Tower", "Azadi Square, Tehran"));
        assertThat(attachments("""
                        "text": "here", "location": {"latitude": 135.7, "longitude": 51.4}""")).as("not on Earth").isEmpty();
    }

    private static List<Attachment> attachments(String fields) {
        return attachments(fields, null);
    }

    private static List<Attachment> attachments(String fields, String mediaBaseUrl) {
        String update = """
                {"update_id": 1, "message": {"message_id": 5, "date": 1795600000,
                 "from": {"id": 777, "is_bot": false, "first_name": "Mina"},
                 "chat": {"id": 777, "type": "private"}, %s}}""".formatted(fields);
        var event = (CustomerMessageReceived)
                UpdateNormalizer.normalize(CHANNEL, EventJson.mapper().readTree(update), Instant.EPOCH, mediaBaseUrl)
                        .orElseThrow();
        ContractChecks.assertConformingAndStorable(event);
        return event.attachments();
    }
}
