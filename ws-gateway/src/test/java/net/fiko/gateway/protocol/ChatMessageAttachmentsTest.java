package net.fiko.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.fiko.events.Attachment;
import net.fiko.events.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** {@code chat_message} with the agent's uploads: read as the upload answered them, or refused naming the field. */
class ChatMessageAttachmentsTest {

    private static final String UPLOAD = "upload-5b0e7c1e-2f4d-4a8b-9c6e-1d2f3a4b5c6d";

    @Test
    void aPhotoWithoutCaptionShouldBeReadWithWhatTheUploadAnswered() {
        var read = ClientFrames.chat(frame("""
                {"type": "chat_message", "content": "  ", "client_msg_id": "c-1",
                 "attachments": [{"id": "%s", "kind": "photo", "mime_type": "image/jpeg",
                                  "size_bytes": 48213, "file_name": "invoice.jpg"}]}
                """.formatted(UPLOAD)));

        assertThat(read).isInstanceOf(ClientFrames.ChatMessage.class);
        var message = (ClientFrames.ChatMessage) read;
        assertThat(message.content()).isEmpty();
        assertThat(message.attachments())
                .containsExactly(
                        new Attachment("photo", UPLOAD, "image/jpeg", null, 48213L, "invoice.jpg", null, null, null));
    }

    @Test
    void aMessageWithNeitherTextNorAttachmentsShouldStillBeEmpty() {
        var read = ClientFrames.chat(frame("""
                {"type": "chat_message", "content": " ", "attachments": []}
                """));

        assertThat(read).isEqualTo(new ClientFrames.Refused(ErrorCode.EMPTY_CONTENT, "content", null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"attachments\": \"upload\"",
                "\"attachments\": [\"%s\"]",
                "\"attachments\": [{\"kind\": \"photo\"}]",
                "\"attachments\": [{\"id\": \"../../etc/passwd\", \"kind\": \"photo\"}]",
                "\"attachments\": [{\"id\": \"%s\"}]",
                "\"attachments\": [{\"id\": \"%s\", \"kind\": \"sticker\"}]",
                "\"attachments\": [{\"id\": \"%s\", \"kind\": \"photo\", \"size_bytes\": -1}]",
                "\"attachments\": [{\"id\": \"%s\", \"kind\": \"photo\", \"size_bytes\": \"big\"}]",
                "\"attachments\": [{\"id\": \"%s\", \"kind\": \"photo\", \"file_name\": \"a\\nb\"}]",
                "\"attachments\": [{\"id\": \"%s\", \"kind\": \"photo\", \"mime_type\": 7}]"
            })
    void anAttachmentNotAsTheUploadAnsweredShouldBeRefusedNamingTheField(String field) {
        var read =
                ClientFrames.chat(frame("{\"type\": \"chat_message\", \"content\": \"hi\", \"client_msg_id\": \"c-2\", "
                        + field.formatted(UPLOAD) + "}"));

        assertThat(read).isEqualTo(new ClientFrames.Refused(ErrorCode.INVALID_VALUE, "attachments", "c-2"));
    }

    @Test
    void moreThanTenAttachmentsShouldBeRefused() {
        String one = "{\"id\": \"%s\", \"kind\": \"document\"}".formatted(UPLOAD);
        var read = ClientFrames.chat(frame("{\"type\": \"chat_message\", \"attachments\": ["
                + String.join(",", java.util.Collections.nCopies(FrameFields.MAX_ATTACHMENTS + 1, one)) + "]}"));

        assertThat(read).isEqualTo(new ClientFrames.Refused(ErrorCode.INVALID_VALUE, "attachments", null));
    }

    private static ObjectNode frame(String json) {
        return (ObjectNode) EventJson.mapper().readTree(json);
    }
}
