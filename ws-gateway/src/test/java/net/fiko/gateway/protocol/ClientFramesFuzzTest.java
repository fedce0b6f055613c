package net.fiko.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.fiko.events.EventJson;
import net.fiko.events.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a client sends on either socket, reading it never throws, and what is let through is within every bound
 * the documentation promises: storable content of at most 4096 characters, a plain client_msg_id of at most 128, a
 * plain search of at most 256, at most 10 attachments naming uploads, pages within their limits. {@code ./mvnw verify} replays the inputs in
 * {@code src/test/resources/.../ClientFramesFuzzTestInputs}; {@code ./fiko-fuzz} fuzzes (README).
 */
class ClientFramesFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyFrameShouldBeRefusedOrReadWithinItsBounds(byte[] frame) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(frame);
        } catch (JacksonException notJson) {
            return; // answered "Invalid JSON" before it is read as a request
        }
        if (!(json instanceof ObjectNode object)) {
            return; // answered "Invalid message format"
        }
        checkChat(ClientFrames.chat(object));
        checkList(ClientFrames.list(object));
    }

    private static void checkChat(ClientFrames.ClientFrame read) {
        if (read instanceof ClientFrames.ChatMessage message) {
            assertThat(message.content().isBlank() && message.attachments().isEmpty())
                    .isFalse();
            assertThat(message.attachments()).hasSizeLessThanOrEqualTo(FrameFields.MAX_ATTACHMENTS);
            message.attachments().forEach(attachment -> {
                assertThat(attachment.fileId()).matches("upload-[0-9a-fA-F-]{36}");
                assertPlain(attachment.fileName(), FrameFields.MAX_FILE_NAME_LENGTH);
                assertPlain(attachment.mimeType(), FrameFields.MAX_NAME_LENGTH);
            });
            assertThat(message.content().codePointCount(0, message.content().length()))
                    .isLessThanOrEqualTo(FrameFields.MAX_CONTENT_LENGTH);
            assertThat(StorableText.isStorable(message.content())).isTrue();
            assertPlain(message.clientMsgId(), FrameFields.MAX_CLIENT_MSG_ID_LENGTH);
        } else if (read instanceof ClientFrames.LoadMore loadMore) {
            assertPlain(loadMore.before(), FrameFields.MAX_NAME_LENGTH);
            assertThat(loadMore.limit()).isBetween(1, ClientFrames.MAX_HISTORY);
        } else if (read instanceof ClientFrames.Refused refused) {
            assertThat(refused.error()).isNotNull();
            assertPlain(refused.clientMsgId(), FrameFields.MAX_CLIENT_MSG_ID_LENGTH);
        }
    }

    private static void checkList(ClientFrames.ClientFrame read) {
        if (read instanceof ClientFrames.ListRequest list) {
            assertThat(list.page()).isBetween(1, FrameFields.MAX_PAGE);
            assertThat(list.pageSize()).isBetween(1, ClientFrames.MAX_PAGE_SIZE);
            if (list.filter() != null) {
                assertPlain(list.filter().search(), FrameFields.MAX_SEARCH_LENGTH);
                assertPlain(list.filter().status(), FrameFields.MAX_NAME_LENGTH);
                assertPlain(list.filter().source(), FrameFields.MAX_NAME_LENGTH);
            }
        } else {
            assertThat(read).isInstanceOf(ClientFrames.Refused.class);
        }
    }

    private static void assertPlain(String value, int maxLength) {
        if (value != null) {
            assertThat(value.length()).isLessThanOrEqualTo(maxLength);
            assertThat(StorableText.isPlainLine(value)).as(value).isTrue();
        }
    }
}
