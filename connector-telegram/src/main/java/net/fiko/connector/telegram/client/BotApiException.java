package net.fiko.connector.telegram.client;

/** A Bot API call that did not succeed. Its message never holds the bot token. */
public class BotApiException extends RuntimeException {

    private final transient BotApiFailure failure;

    BotApiException(BotApiFailure failure) {
        super(failure.kind() + ": " + failure.reason() + " (" + failure.description() + ")");
        this.failure = failure;
    }

    public BotApiFailure failure() {
        return failure;
    }
}
