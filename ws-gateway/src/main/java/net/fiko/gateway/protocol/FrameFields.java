package net.fiko.gateway.protocol;

import net.fiko.events.StorableText;
import tools.jackson.databind.JsonNode;

/**
 * The bounds of what a client may put in a frame's fields, listed with the other limits in
 * {@code docs/websocket-api.md}. Everything a client names is bounded here before it becomes a command or a query.
 */
public final class FrameFields {

    /** Characters of a {@code chat_message}'s content, after trimming. */
    public static final int MAX_CONTENT_LENGTH = 4096;
    /** Characters of a {@code client_msg_id}. */
    public static final int MAX_CLIENT_MSG_ID_LENGTH = 128;
    /** Characters of a list's {@code filters.search}. */
    public static final int MAX_SEARCH_LENGTH = 256;
    /** Characters of any other value a client names: a filter's status or source, a message id. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Uploads sent with one {@code chat_message}. */
    public static final int MAX_ATTACHMENTS = 10;
    /** Characters of an attachment's {@code file_name}. */
    public static final int MAX_FILE_NAME_LENGTH = 255;
    /** The highest list {@code page}. */
    public static final int MAX_PAGE = 10_000;

    private FrameFields() {}

    /** Whether the node is absent, null, or a string. */
    public static boolean isOptionalString(JsonNode node) {
        return node == null || node.isNull() || node.isString();
    }

    /** The string, or null when the node is absent or null. */
    public static String optionalString(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** Whether a client's identifier or search term is within {@code maxLength} and holds no control characters. */
    public static boolean isPlainLine(String value, int maxLength) {
        return value == null || (value.length() <= maxLength && StorableText.isPlainLine(value));
    }
}
