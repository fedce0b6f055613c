package net.fiko.message.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The REST API's refusals, in one shape for every controller: {@code {"error": "<stable English string>",
 * "message": "<a sentence for people>"}}, as the WebSocket's error events.
 */
public final class ApiAnswers {

    private ApiAnswers() {}

    /** A refusal's body. */
    public record ApiError(String error, String message) {}

    public static ResponseEntity<ApiError> notFound(String error, String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(error, message));
    }

    public static ResponseEntity<ApiError> invalid(String message) {
        return ResponseEntity.badRequest().body(new ApiError("Invalid request", message));
    }
}
