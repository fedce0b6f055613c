package net.fiko.connector.kit.delivery;

/**
 * What a reply needs from its platform before the first call (a chat id, a token, an account), or why it cannot go
 * at all (the channel is gone, the platform's reply window closed): such a reply fails at once, without a call.
 */
public sealed interface Target<T> {

    static <T> Target<T> ready(T value) {
        return new Ready<>(value);
    }

    static <T> Target<T> refused(String reason, String code) {
        return new Refused<>(reason, code);
    }

    /** The reply can be sent with this. */
    record Ready<T>(T value) implements Target<T> {}

    /** The reply cannot be sent: the agent sees {@code reason}. */
    record Refused<T>(String reason, String code) implements Target<T> {}
}
