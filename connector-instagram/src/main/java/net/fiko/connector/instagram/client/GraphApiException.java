package net.fiko.connector.instagram.client;

import net.fiko.connector.kit.platform.PlatformException;

/** The Graph API refused a call or could not be reached; the message never holds a token. */
public class GraphApiException extends PlatformException {

    public GraphApiException(GraphFailure failure) {
        super(failure);
    }

    @Override
    public GraphFailure failure() {
        return (GraphFailure) super.failure();
    }
}
