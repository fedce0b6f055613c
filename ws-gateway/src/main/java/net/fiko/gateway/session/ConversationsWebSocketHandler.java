package net.fiko.gateway.session;

import java.time.Clock;
import net.fiko.events.query.ConversationFilter;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.FrameFields;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.query.QueryClient;
import net.fiko.gateway.system.GatewayProperties;
import net.fiko.support.auth.TokenVerifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /ws/conversations/}: a tenant's conversation list. */
@Component
public class ConversationsWebSocketHandler extends AuthenticatingWebSocketHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final QueryClient queries;
    private final Clock clock;

    ConversationsWebSocketHandler(
            TokenVerifier verifier,
            SessionRegistry registry,
            TokenExpiry expiry,
            Keepalive keepalive,
            SocketLimits limits,
            GatewayProperties properties,
            QueryClient queries,
            Clock clock) {
        super(verifier, registry, expiry, keepalive, limits, properties);
        this.queries = queries;
        this.clock = clock;
    }

    /** The list is sent unprompted on connect. */
    @Override
    void opened(ClientSession session) {
        sendList(session, null, 1, DEFAULT_PAGE_SIZE);
    }

    /** {@code get_conversations} and {@code refresh_conversations} (a frame without type counts as the first). */
    @Override
    void received(ClientSession session, ObjectNode frame) {
        String type = type(frame);
        if (type != null && !"get_conversations".equals(type) && !"refresh_conversations".equals(type)) {
            session.sendError(ErrorCode.UNKNOWN_TYPE);
            return;
        }
        JsonNode page = frame.get("page");
        JsonNode pageSize = frame.get("page_size");
        JsonNode filters = frame.get("filters");
        String wrongType = page != null && !page.isInt()
                ? "page"
                : pageSize != null && !pageSize.isInt()
                        ? "page_size"
                        : filters != null && !filters.isObject() && !filters.isNull() ? "filters" : null;
        if (wrongType != null) {
            session.sendError(ErrorCode.INVALID_FIELD, wrongType, null);
            return;
        }
        if (page != null && page.asInt() > FrameFields.MAX_PAGE) {
            session.sendError(ErrorCode.INVALID_VALUE, "page", null);
            return;
        }
        ConversationFilter filter = null;
        if (filters != null && filters.isObject()) {
            for (String field : new String[] {"status", "source", "search"}) {
                JsonNode value = filters.get(field);
                int max = field.equals("search") ? FrameFields.MAX_SEARCH_LENGTH : FrameFields.MAX_NAME_LENGTH;
                if (!FrameFields.isOptionalString(value)) {
                    session.sendError(ErrorCode.INVALID_FIELD, "filters." + field, null);
                    return;
                }
                if (!FrameFields.isPlainLine(FrameFields.optionalString(value), max)) {
                    session.sendError(ErrorCode.INVALID_VALUE, "filters." + field, null);
                    return;
                }
            }
            filter = new ConversationFilter(
                    text(filters, "status"),
                    text(filters, "source"),
                    text(filters, "search"),
                    filters.path("unread_only").isBoolean()
                            ? filters.path("unread_only").asBoolean()
                            : null);
        }
        sendList(
                session,
                filter,
                page == null ? 1 : Math.max(1, page.asInt()),
                pageSize == null ? DEFAULT_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize.asInt())));
    }

    private void sendList(ClientSession session, ConversationFilter filter, int page, int pageSize) {
        queries.conversations(session.user(), filter, page, pageSize).whenComplete((answer, failure) -> {
            if (failure != null) {
                session.sendError(ErrorCode.UNAVAILABLE);
                return;
            }
            session.send(new Frames.ConversationsListFrame(
                    "conversations_list",
                    answer.conversations(),
                    clock.instant(),
                    new Frames.Pagination(answer.page(), answer.pageSize(), answer.total(), answer.hasNext())));
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
