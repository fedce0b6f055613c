package net.fiko.connector.telegram.client;

import net.fiko.connector.kit.platform.PlatformException;

/** A Bot API call that did not succeed. Its message never holds the bot token. */
public class BotApiException extends PlatformException {

    BotApiException(BotApiFailure failure) {
        super(failure);
    }

    @Override
    public BotApiFailure failure() {
        return (BotApiFailure) super.failure();
    }
}
