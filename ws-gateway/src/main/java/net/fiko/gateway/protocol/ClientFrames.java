package net.fiko.gateway.protocol;

import java.util.List;
import java.util.Set;
import net.fiko.events.Attachment;
import net.fiko.events.query.ConversationFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client's frame asks for, read and checked in one place before a handler acts on it: either a request whose
 * every field is within its bounds ({@link FrameFields}), or the error to answer it with. Never throws, whatever the
 * frame holds.
 */
public final class ClientFrames {

    /** The default and the largest page of the conversation list. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    public static final int MAX_PAGE_SIZE = 100;
    /** The default and the largest page of history. */
    public static final int DEFAULT_HISTORY = 50;

    public static final int MAX_HISTORY = 100;

    private static final Set<String> ASSIGNEE_FILTERS =
            Set.of(ConversationFilter.MINE, ConversationFilter.UNASSIGNED, ConversationFilter.ALL);

    private ClientFrames() {}

    /** A frame, read. */
    public sealed interface ClientFrame
            permits ChatMessage,
                    MarkRead,
                    LoadMore,
                    Typing,
                    ListRequest,
                    OnlineAgents,
                    ConversationCommands.StatusChange,
                    ConversationCommands.Assignment,
                    Refused {}

    /**
     * {@code chat_message}: the content trimmed, characters no store can hold replaced; the uploads sent with it, whose
     * caption the content is (then it may be empty).
     */
    public record ChatMessage(String content, String clientMsgId, List<Attachment> attachments)
            implements ClientFrame {}

    /** {@code mark_read}. */
    public record MarkRead() implements ClientFrame {}

    /** {@code load_more_messages}: the page before a message, or the newest. */
    public record LoadMore(String before, int limit) implements ClientFrame {}

    /** {@code typing}. */
    public record Typing(boolean isTyping) implements ClientFrame {}

    /** {@code get_conversations}, {@code refresh_conversations}, or a frame without type on the list socket. */
    public record ListRequest(ConversationFilter filter, int page, int pageSize) implements ClientFrame {}

    /** {@code get_online_agents} on the list socket (an extension). */
    public record OnlineAgents() implements ClientFrame {}

    /** A frame refused: the error to answer, the field at fault and the message it was about, where known. */
    public record Refused(ErrorCode error, String field, String clientMsgId) implements ClientFrame {}

    /** A frame of a chat socket. */
    public static ClientFrame chat(ObjectNode frame) {
        String type = type(frame);
        if ("chat_message".equals(type)) {
            return ChatMessages.read(frame);
        }
        if ("mark_read".equals(type)) {
            return new MarkRead();
        }
        if ("load_more_messages".equals(type)) {
            return loadMore(frame);
        }
        if (ConversationCommands.isConversationCommand(type)) {
            return ConversationCommands.read(type, frame);
        }
        if ("typing".equals(type)) {
            JsonNode isTyping = frame.get("is_typing");
            if (isTyping != null && !isTyping.isBoolean()) {
                return new Refused(ErrorCode.INVALID_FIELD, "is_typing", null);
            }
            return new Typing(isTyping == null || isTyping.asBoolean());
        }
        return new Refused(ErrorCode.UNKNOWN_TYPE, null, null);
    }

    /** A frame of a conversation-list socket. */
    public static ClientFrame list(ObjectNode frame) {
        String type = type(frame);
        if ("get_online_agents".equals(type)) {
            return new OnlineAgents();
        }
        if (type != null && !"get_conversations".equals(type) && !"refresh_conversations".equals(type)) {
            return new Refused(ErrorCode.UNKNOWN_TYPE, null, null);
        }
        JsonNode page = frame.get("page");
        JsonNode pageSize = frame.get("page_size");
        JsonNode filters = frame.get("filters");
        if (page != null && !page.isInt()) {
            return new Refused(ErrorCode.INVALID_FIELD, "page", null);
        }
        if (pageSize != null && !pageSize.isInt()) {
            return new Refused(ErrorCode.INVALID_FIELD, "page_size", null);
        }
        if (filters != null && !filters.isObject() && !filters.isNull()) {
            return new Refused(ErrorCode.INVALID_FIELD, "filters", null);
        }
        if (page != null && page.asInt() > FrameFields.MAX_PAGE) {
            return new Refused(ErrorCode.INVALID_VALUE, "page", null);
        }
        ConversationFilter filter = null;
        if (filters != null && filters.isObject()) {
            for (String field : new String[] {"status", "source", "search", "assignee"}) {
                JsonNode value = filters.get(field);
                int max = field.equals("search") ? FrameFields.MAX_SEARCH_LENGTH : FrameFields.MAX_NAME_LENGTH;
                if (!FrameFields.isOptionalString(value)) {
                    return new Refused(ErrorCode.INVALID_FIELD, "filters." + field, null);
                }
                if (!FrameFields.isPlainLine(FrameFields.optionalString(value), max)) {
                    return new Refused(ErrorCode.INVALID_VALUE, "filters." + field, null);
                }
            }
            filter = new ConversationFilter(
                    nonBlank(filters.get("status")),
                    nonBlank(filters.get("source")),
                    nonBlank(filters.get("search")),
                    filters.path("unread_only").isBoolean()
                            ? filters.path("unread_only").asBoolean()
                            : null,
                    nonBlank(filters.get("assignee")));
            if (filter.assignee() != null && !ASSIGNEE_FILTERS.contains(filter.assignee())) {
                return new Refused(ErrorCode.INVALID_VALUE, "filters.assignee", null);
            }
        }
        return new ListRequest(
                filter,
                page == null ? 1 : Math.max(1, page.asInt()),
                pageSize == null ? DEFAULT_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize.asInt())));
    }

    /** {@code load_more_messages {"before": "<message id>", "limit": 50}}. */
    private static ClientFrame loadMore(ObjectNode frame) {
        JsonNode before = frame.get("before");
        JsonNode limit = frame.get("limit");
        if (!FrameFields.isOptionalString(before)) {
            return new Refused(ErrorCode.INVALID_FIELD, "before", null);
        }
        if (limit != null && !limit.isInt()) {
            return new Refused(ErrorCode.INVALID_FIELD, "limit", null);
        }
        String beforeId = FrameFields.optionalString(before);
        if (!FrameFields.isPlainLine(beforeId, FrameFields.MAX_NAME_LENGTH)) {
            return new Refused(ErrorCode.INVALID_VALUE, "before", null);
        }
        return new LoadMore(
                beforeId, limit == null ? DEFAULT_HISTORY : Math.max(1, Math.min(limit.asInt(), MAX_HISTORY)));
    }

    /** The frame's {@code type}, or {@code null} when it has none. */
    private static String type(ObjectNode frame) {
        JsonNode type = frame.get("type");
        return type != null && type.isString() ? type.asString() : null;
    }

    private static String nonBlank(JsonNode value) {
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
