package net.fiko.message.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.List;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Message;
import net.fiko.events.query.ConversationFilter;
import net.fiko.message.system.ApiAnswers;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * History over REST for the frontend's infinite scroll, with the shapes of the WebSocket protocol. Bearer token
 * required; everything is scoped to the token's tenant.
 */
@RestController
@RequestMapping("/api/conversations")
@SecurityRequirement(name = "bearer")
class ConversationController {

    static final int MAX_PAGE_SIZE = 100;

    private final ConversationQueries queries;
    private final MessageQueries messages;

    ConversationController(ConversationQueries queries, MessageQueries messages) {
        this.queries = queries;
        this.messages = messages;
    }

    @Operation(summary = "A page of the tenant's conversations, most recently updated first")
    @GetMapping
    ResponseEntity<?> list(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "20") int pageSize,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String search,
            @RequestParam(name = "unread_only", required = false) Boolean unreadOnly,
            @Parameter(description = "mine, unassigned or all") @RequestParam(required = false) String assignee) {
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return badRequest("page must be 1 or more and page_size between 1 and " + MAX_PAGE_SIZE);
        }
        if (assignee != null
                && !List.of(ConversationFilter.MINE, ConversationFilter.UNASSIGNED, ConversationFilter.ALL)
                        .contains(assignee)) {
            return badRequest("assignee must be mine, unassigned or all");
        }
        var result = queries.list(
                user.tenantId(),
                user.userId(),
                new ConversationFilter(status, source, search, unreadOnly, assignee),
                page,
                pageSize);
        return ResponseEntity.ok(new ConversationList(
                result.conversations(),
                new Pagination(result.page(), result.pageSize(), result.total(), result.hasNext()),
                Instant.now()));
    }

    @Operation(summary = "One conversation, as the list shows it")
    @GetMapping("/{id}")
    ResponseEntity<?> one(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String id) {
        return queries.find(user.tenantId(), id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(ConversationController::notFound);
    }

    @Operation(summary = "The messages before a message (or the newest), oldest first, for infinite scroll")
    @GetMapping("/{id}/messages")
    ResponseEntity<?> messages(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String id,
            @Parameter(description = "Id of the oldest message the client has") @RequestParam(required = false)
                    String before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            return badRequest("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        return messages.history(user.tenantId(), id, before, limit)
                .<ResponseEntity<?>>map(page -> ResponseEntity.ok(new MessageList(page.messages(), page.hasMore())))
                .orElseGet(ConversationController::notFound);
    }

    private static ResponseEntity<?> notFound() {
        return ApiAnswers.notFound("Conversation not found", "No such conversation, or no such message in it.");
    }

    private static ResponseEntity<?> badRequest(String message) {
        return ApiAnswers.invalid(message);
    }

    record ConversationList(List<ConversationSnapshot> conversations, Pagination pagination, Instant timestamp) {}

    record Pagination(int page, int pageSize, long total, boolean hasNext) {}

    record MessageList(List<Message> messages, boolean hasMore) {}
}
