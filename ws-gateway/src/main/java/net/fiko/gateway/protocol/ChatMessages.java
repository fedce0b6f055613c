package net.fiko.gateway.protocol;

import java.util.ArrayList;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.StorableText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads {@code chat_message}: the text and the agent's uploads sent with it, within their bounds ({@link FrameFields}). */
final class ChatMessages {

    private ChatMessages() {}

    /**
     * {@code chat_message {"content": "…", "client_msg_id": "…", "attachments": […]}}: a {@code client_msg_id} of
     * control characters or longer than 128 is refused, naming the field, as are attachments not as the upload answered
     * them; content longer than 4096, or empty after trimming without attachments, is refused.
     */
    static ClientFrames.ClientFrame read(ObjectNode frame) {
        JsonNode content = frame.get("content");
        JsonNode clientMsgIdNode = frame.get("client_msg_id");
        if (!FrameFields.isOptionalString(content)) {
            return new ClientFrames.Refused(ErrorCode.INVALID_FIELD, "content", null);
        }
        if (!FrameFields.isOptionalString(clientMsgIdNode)) {
            return new ClientFrames.Refused(ErrorCode.INVALID_FIELD, "client_msg_id", null);
        }
        String clientMsgId = FrameFields.optionalString(clientMsgIdNode);
        if (!FrameFields.isPlainLine(clientMsgId, FrameFields.MAX_CLIENT_MSG_ID_LENGTH)) {
            return new ClientFrames.Refused(ErrorCode.INVALID_VALUE, "client_msg_id", null);
        }
        List<Attachment> attachments = attachments(frame.get("attachments"));
        if (attachments == null) {
            return new ClientFrames.Refused(ErrorCode.INVALID_VALUE, "attachments", clientMsgId);
        }
        String text = content == null || content.isNull()
                ? ""
                : StorableText.of(content.asString().strip());
        if (text.isEmpty() && attachments.isEmpty()) {
            return new ClientFrames.Refused(ErrorCode.EMPTY_CONTENT, "content", clientMsgId);
        }
        if (text.codePointCount(0, text.length()) > FrameFields.MAX_CONTENT_LENGTH) {
            return new ClientFrames.Refused(ErrorCode.CONTENT_TOO_LONG, "content", clientMsgId);
        }
        return new ClientFrames.ChatMessage(text, clientMsgId, attachments);
    }

    /**
     * {@code chat_message}'s {@code attachments} (an extension): at most {@link FrameFields#MAX_ATTACHMENTS} of the
     * agent's uploads, each {@code {"id": "upload-…", "kind": "photo", "mime_type": …, "size_bytes": …, "file_name": …}}
     * as the upload answered; {@code id} and {@code kind} are required. Null when the field is not acceptable.
     */
    private static List<Attachment> attachments(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > FrameFields.MAX_ATTACHMENTS) {
            return null;
        }
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                return null;
            }
            JsonNode id = item.get("id");
            JsonNode kind = item.get("kind");
            JsonNode mimeType = item.get("mime_type");
            JsonNode size = item.get("size_bytes");
            JsonNode fileName = item.get("file_name");
            if (id == null
                    || !id.isString()
                    || !Attachment.isUploadId(id.asString())
                    || kind == null
                    || !kind.isString()
                    || !Attachment.UPLOAD_KINDS.contains(kind.asString())
                    || !FrameFields.isOptionalString(mimeType)
                    || !FrameFields.isPlainLine(FrameFields.optionalString(mimeType), FrameFields.MAX_NAME_LENGTH)
                    || !(size == null
                            || size.isNull()
                            || (size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0))
                    || !FrameFields.isOptionalString(fileName)
                    || !FrameFields.isPlainLine(
                            FrameFields.optionalString(fileName), FrameFields.MAX_FILE_NAME_LENGTH)) {
                return null;
            }
            attachments.add(new Attachment(
                    kind.asString(),
                    id.asString(),
                    FrameFields.optionalString(mimeType),
                    null,
                    size == null || size.isNull() ? null : size.asLong(),
                    FrameFields.optionalString(fileName),
                    null,
                    null,
                    null));
        }
        return attachments;
    }
}
