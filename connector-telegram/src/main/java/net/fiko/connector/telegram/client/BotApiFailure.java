package net.fiko.connector.telegram.client;

import java.time.Duration;
import java.util.Locale;
import net.fiko.connector.kit.platform.PlatformFailure;

/**
 * Why the Bot API refused a call, classified as the connector acts on it. {@code reason} is a sentence an agent
 * understands; {@code detail} is Telegram's own description (its error codes may change, so both are matched).
 */
public record BotApiFailure(Kind kind, String reason, int errorCode, String detail, Duration retryAfter)
        implements PlatformFailure {

    /** What a failure means for the message. */
    public enum Kind {
        RATE_LIMITED,
        TEMPORARY,
        BLOCKED,
        CANNOT_RECEIVE,
        CHAT_NOT_FOUND,
        TOO_LONG,
        TOKEN_REVOKED,
        REJECTED
    }

    @Override
    public Effect effect() {
        return kind == Kind.TOKEN_REVOKED
                ? Effect.RECONNECT
                : kind == Kind.RATE_LIMITED || kind == Kind.TEMPORARY ? Effect.RETRY : Effect.FAIL;
    }

    @Override
    public String code() {
        return Integer.toString(errorCode);
    }

    /** Classifies an answer {@code {"ok":false,"error_code":…,"description":…}} (or a bare HTTP status). */
    static BotApiFailure of(int status, int errorCode, String description, Long retryAfterSeconds) {
        int code = errorCode > 0 ? errorCode : status;
        String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (code == 429 || retryAfterSeconds != null) {
            long seconds = retryAfterSeconds == null ? 1 : retryAfterSeconds;
            return new BotApiFailure(
                    Kind.RATE_LIMITED, "Telegram asked to slow down", code, description, Duration.ofSeconds(seconds));
        }
        if (code == 401 || text.contains("unauthorized")) {
            return failure(Kind.TOKEN_REVOKED, "The bot's token was revoked; reconnect the bot", code, description);
        }
        if (text.contains("bot was blocked by the user")) {
            return failure(Kind.BLOCKED, "The customer blocked the bot", code, description);
        }
        if (text.contains("can't initiate conversation") || text.contains("user is deactivated")) {
            return failure(Kind.CANNOT_RECEIVE, "The customer can't receive messages from the bot", code, description);
        }
        if (text.contains("chat not found")) {
            return failure(Kind.CHAT_NOT_FOUND, "The customer's chat was not found", code, description);
        }
        if (text.contains("message is too long")) {
            return failure(Kind.TOO_LONG, "The message is too long for Telegram", code, description);
        }
        if (code >= 500) {
            return failure(Kind.TEMPORARY, "Telegram is not answering", code, description);
        }
        return failure(Kind.REJECTED, "Telegram refused the message: " + description, code, description);
    }

    static BotApiFailure unreachable(String what) {
        return failure(Kind.TEMPORARY, "Telegram could not be reached", 0, what);
    }

    private static BotApiFailure failure(Kind kind, String reason, int code, String description) {
        return new BotApiFailure(kind, reason, code, description, null);
    }
}
