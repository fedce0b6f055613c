package net.fiko.connector.instagram.client;

/** The Graph API refused a call or could not be reached; the message never holds a token. */
public class GraphApiException extends RuntimeException {

    private final GraphFailure failure;

    public GraphApiException(GraphFailure failure) {
        super(failure.reason() + " (" + failure.code() + "/" + failure.subcode() + ": " + failure.message() + ")");
        this.failure = failure;
    }

    public GraphFailure failure() {
        return failure;
    }
}
