package net.fiko.connector.instagram.client;

import net.fiko.connector.kit.platform.PlatformFailure;

/**
 * Why the Graph API refused a call, classified as the connector acts on it. {@code reason} is a sentence an agent
 * understands; {@code detail} is Meta's own message. Meta's codes: {@code {"error":{"message","type","code",
 * "error_subcode","fbtrace_id"}}}. Meta says no time to wait: throttling backs off like any temporary failure.
 */
public record GraphFailure(Kind kind, String reason, int errorCode, int subcode, String detail)
        implements PlatformFailure {

    /** What a failure means for the message. */
    public enum Kind {
        OUTSIDE_WINDOW,
        THROTTLED,
        TEMPORARY,
        TOKEN_EXPIRED,
        UNAVAILABLE,
        NO_USER,
        NO_PERMISSION,
        REJECTED
    }

    @Override
    public Effect effect() {
        return switch (kind) {
            case THROTTLED, TEMPORARY -> Effect.RETRY;
            case TOKEN_EXPIRED -> Effect.RECONNECT;
            default -> Effect.FAIL;
        };
    }

    /** {@code "10/2534022"} when Meta gave a subcode, else {@code "190"}. */
    @Override
    public String code() {
        return subcode > 0 ? errorCode + "/" + subcode : Integer.toString(errorCode);
    }

    static final String OUTSIDE_24_HOURS = "The customer's last message is older than 24 hours";

    /** Classifies Meta's error object (or a bare HTTP status when there is none). */
    static GraphFailure of(int status, int code, int subcode, String message) {
        String text = message == null ? "" : message;
        if (code == 10 && subcode == 2534022) {
            return new GraphFailure(Kind.OUTSIDE_WINDOW, OUTSIDE_24_HOURS, code, subcode, text);
        }
        if (code == 4 || code == 17 || code == 32 || code == 613 || status == 429) {
            return new GraphFailure(Kind.THROTTLED, "Instagram asked to slow down", code, subcode, text);
        }
        if (code == 1 || code == 2 || code == 1200 || status >= 500) {
            return new GraphFailure(Kind.TEMPORARY, "Instagram is not answering", code, subcode, text);
        }
        if (code == 190) {
            return new GraphFailure(
                    Kind.TOKEN_EXPIRED,
                    "The Instagram account must be reconnected: its access token expired",
                    code,
                    subcode,
                    text);
        }
        if (code == 551) {
            return new GraphFailure(Kind.UNAVAILABLE, "This person isn't available right now", code, subcode, text);
        }
        if (code == 100 && subcode == 2018001) {
            return new GraphFailure(Kind.NO_USER, "The customer was not found on Instagram", code, subcode, text);
        }
        if (code == 100 && subcode == 2018047) {
            return new GraphFailure(
                    Kind.REJECTED, "Instagram could not fetch the file, so it was not sent", code, subcode, text);
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return new GraphFailure(
                    Kind.NO_PERMISSION, "The app lacks permission to send Instagram messages", code, subcode, text);
        }
        return new GraphFailure(
                Kind.REJECTED,
                text.isBlank() ? "Instagram refused the message" : "Instagram refused the message: " + text,
                code,
                subcode,
                text);
    }

    static GraphFailure unreachable(String what) {
        return new GraphFailure(Kind.TEMPORARY, "Instagram could not be reached", 0, 0, what);
    }
}
