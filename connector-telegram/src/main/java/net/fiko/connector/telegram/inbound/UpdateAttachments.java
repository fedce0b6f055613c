package net.fiko.connector.telegram.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.fiko.events.Attachment;
import net.fiko.events.Place;
import tools.jackson.databind.JsonNode;

/**
 * The attachments of a Telegram message as the contract has them: each file with Telegram's file id (never a download
 * URL, which would hold the bot token), what Telegram tells of it, and the URL the agent's app opens it at (the
 * connector's media endpoint). A sticker shows as an image, its emoji its caption (an animated one, which no browser
 * draws, by its still thumbnail); a location or venue has its place and a map at its coordinates; a contact its name
 * and number.
 */
final class UpdateAttachments {

    private static final String[] FILE_KINDS = {"document", "voice", "audio", "video", "video_note", "animation"};

    /** What a Telegram file id is made of; another is given no URL rather than an escaped one. */
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private UpdateAttachments() {}

    /** The message's attachments; {@code mediaBase} ({@code <media endpoint>/<channel id>}) null gives no URLs. */
    static List<Attachment> of(JsonNode message, String mediaBase) {
        List<Attachment> attachments = new ArrayList<>();
        String caption = message.path("caption").asString(null);
        JsonNode photos = message.get("photo");
        if (photos != null && photos.isArray() && !photos.isEmpty()) {
            JsonNode largest = photos.get(photos.size() - 1);
            attachments.add(
                    file("photo", largest, "image/jpeg", caption, null, "width", "height", fileId(largest), mediaBase));
        }
        for (String kind : FILE_KINDS) {
            JsonNode file = message.get(kind);
            if (file != null && file.isObject()) {
                String side = kind.equals("video_note") ? "length" : null;
                attachments.add(file(
                        kind,
                        file,
                        file.path("mime_type").asString(null),
                        caption,
                        fileName(file),
                        side != null ? side : "width",
                        side != null ? side : "height",
                        fileId(file),
                        mediaBase));
            }
        }
        JsonNode sticker = message.get("sticker");
        if (sticker != null && sticker.isObject()) {
            boolean animated = sticker.path("is_animated").asBoolean(false);
            JsonNode thumbnail = sticker.has("thumbnail") ? sticker.path("thumbnail") : sticker.path("thumb");
            attachments.add(file(
                    "sticker",
                    sticker,
                    animated
                            ? "application/x-tgsticker"
                            : sticker.path("is_video").asBoolean(false) ? "video/webm" : "image/webp",
                    sticker.path("emoji").asString(null),
                    null,
                    "width",
                    "height",
                    animated ? fileId(thumbnail) : fileId(sticker),
                    mediaBase));
        }
        JsonNode venue = message.get("venue");
        JsonNode location = venue != null && venue.isObject() ? venue.path("location") : message.get("location");
        if (location != null && location.isObject()) {
            Place place = new Place(
                    location.path("latitude").asDouble(0),
                    location.path("longitude").asDouble(0),
                    venue == null ? null : venue.path("title").asString(null),
                    venue == null ? null : venue.path("address").asString(null));
            if (place.valid()) {
                attachments.add(new Attachment(
                        "location",
                        null,
                        null,
                        place.latitude() + "," + place.longitude(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        map(place),
                        place));
            }
        }
        JsonNode contact = message.get("contact");
        if (contact != null && contact.isObject()) {
            attachments.add(new Attachment(
                    "contact",
                    null,
                    null,
                    (contact.path("first_name").asString("") + " "
                                    + contact.path("phone_number").asString(""))
                            .strip(),
                    null));
        }
        return attachments;
    }

    /** A map at the place's coordinates, which any browser opens. */
    static String map(Place place) {
        String lat = String.format(Locale.ROOT, "%.6f", place.latitude());
        String lon = String.format(Locale.ROOT, "%.6f", place.longitude());
        return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=16/" + lat + "/" + lon;
    }

    private static Attachment file(
            String kind,
            JsonNode file,
            String mimeType,
            String caption,
            String fileName,
            String width,
            String height,
            String shownFileId,
            String mediaBase) {
        return new Attachment(
                kind,
                fileId(file),
                mimeType,
                caption,
                size(file),
                fileName,
                number(file, width),
                number(file, height),
                number(file, "duration"),
                mediaBase != null
                                && shownFileId != null
                                && FILE_ID.matcher(shownFileId).matches()
                        ? mediaBase + "/" + shownFileId
                        : null);
    }

    private static String fileId(JsonNode file) {
        return file.path("file_id").asString(null);
    }

    /** The file's name as the customer's app gave it (the update is cleaned already), at most 255 characters. */
    private static String fileName(JsonNode file) {
        String name = file.path("file_name").asString(null);
        return name == null || name.length() <= 255 ? name : name.substring(0, 255);
    }

    /** A whole number the platform gave for the file, or null: absent, or not a number in range. */
    private static Integer number(JsonNode file, String field) {
        JsonNode value = file.get(field);
        return value != null && value.canConvertToInt() && value.asInt() >= 0 ? value.asInt() : null;
    }

    /** The file's size in bytes, when Telegram gave one that can be: the contract has no negative sizes. */
    private static Long size(JsonNode file) {
        JsonNode size = file.path("file_size");
        return size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : null;
    }
}
