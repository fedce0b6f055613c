package net.fiko.support.auth;

/** A token that does not authenticate anyone; {@link #reason()} says why, for logs and error events. */
public class InvalidTokenException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        MISSING,
        MALFORMED,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_AN_ACCESS_TOKEN,
        NO_SUBJECT,
        NO_TENANT
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public InvalidTokenException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
