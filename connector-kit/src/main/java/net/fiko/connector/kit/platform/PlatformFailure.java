package net.fiko.connector.kit.platform;

import java.time.Duration;

/**
 * Why a platform refused a call, as the delivery loop acts on it. Each platform classifies its own answers (Telegram's
 * {@code error_code} and description, Meta's {@code code} and {@code error_subcode}) into a record implementing this.
 */
public interface PlatformFailure {

    /** What the delivery loop does about a failure. */
    enum Effect {
        /** Try again later: the platform is failing, unreachable or asks to slow down. */
        RETRY,
        /** The channel's credentials stopped working: nothing goes through it until it is reconnected. */
        RECONNECT,
        /** The message fails with the platform's reason. */
        FAIL
    }

    /** What this failure means for the delivery loop. */
    Effect effect();

    /** Whether trying again later can succeed. */
    default boolean retryable() {
        return effect() == Effect.RETRY;
    }

    /** How long the platform asked to wait before the next call, or {@code null} when it did not say. */
    default Duration retryAfter() {
        return null;
    }

    /** A sentence an agent understands, shown as the message's failure reason. */
    String reason();

    /** The platform's code, as a failed delivery reports it ({@code "403"}, {@code "10/2534022"}). */
    String code();

    /** The platform's own text, for logs. */
    String detail();

    /** Whether the channel's credentials stopped working: nothing goes through it until it is reconnected. */
    default boolean credentialsRevoked() {
        return effect() == Effect.RECONNECT;
    }
}
