package net.fiko.message.lifecycle;

import static net.fiko.message.system.ApiAnswers.invalid;
import static net.fiko.message.system.ApiAnswers.notFound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import net.fiko.events.ConversationStatus;
import net.fiko.events.command.ConversationStatusRequested;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resolve, reopen, snooze, assign or unassign a conversation over REST, as the chat socket's
 * {@code resolve_conversation}, {@code reopen_conversation}, {@code snooze_conversation}, {@code assign_conversation}
 * and {@code unassign_conversation} do. Answers with the conversation as the list shows it.
 */
@RestController
@SecurityRequirement(name = "bearer")
class LifecycleController {

    private final ConversationLifecycle lifecycle;
    private final Assignments assignments;
    private final Clock clock;

    LifecycleController(ConversationLifecycle lifecycle, Assignments assignments, Clock clock) {
        this.lifecycle = lifecycle;
        this.assignments = assignments;
        this.clock = clock;
    }

    @Operation(
            summary = "Set the conversation's status: {\"status\": \"resolved\" | \"active\" | \"snoozed\", "
                    + "\"snoozed_until\": \"<ISO-8601 time>\" (with snoozed only)}")
    @PostMapping("/api/conversations/{id}/status")
    ResponseEntity<?> set(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String id,
            @RequestBody Map<String, Object> body) {
        ConversationStatus status =
                body.get("status") instanceof String name ? ConversationStatus.fromWireName(name) : null;
        Instant until;
        try {
            until = body.get("snoozed_until") instanceof String time ? Instant.parse(time) : null;
        } catch (DateTimeParseException e) {
            return invalid("snoozed_until must be an ISO-8601 time, such as 2026-12-04T09:00:00Z.");
        }
        if (body.get("snoozed_until") != null && until == null) {
            return invalid("snoozed_until must be an ISO-8601 time, such as 2026-12-04T09:00:00Z.");
        }
        String problem = ConversationStatusRequested.problem(status, until, clock.instant());
        if (problem != null) {
            return invalid(problem);
        }
        return lifecycle
                .set(user.tenantId(), id, status, until, user.agent())
                .<ResponseEntity<?>>map(outcome -> ResponseEntity.ok(outcome.conversation()))
                .orElseGet(() -> notFound("Conversation not found", "No such conversation."));
    }

    @Operation(
            summary = "Assign the conversation: {\"user_id\": \"<an agent of the tenant>\"} (a string or a number), "
                    + "or {\"user_id\": null} to unassign")
    @PostMapping("/api/conversations/{id}/assignee")
    ResponseEntity<?> assign(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String id,
            @RequestBody Map<String, Object> body) {
        Object userId = body.get("user_id");
        if (!body.containsKey("user_id")
                || !(userId == null || userId instanceof String || userId instanceof Number)
                || (userId != null && userId.toString().length() > 256)) {
            return invalid("user_id must be an agent's id (a string or a number), or null to unassign.");
        }
        Assignments.Result result =
                assignments.assign(user.tenantId(), id, userId == null ? null : userId.toString(), user.agent());
        if (result instanceof Assignments.Assigned assigned) {
            return ResponseEntity.ok(assigned.conversation());
        }
        return result instanceof Assignments.NoAgent
                ? notFound("Agent not found", "No agent of yours with this id has used Fiko yet.")
                : notFound("Conversation not found", "No such conversation.");
    }
}
