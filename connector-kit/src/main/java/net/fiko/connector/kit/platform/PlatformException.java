package net.fiko.connector.kit.platform;

/** A platform refused a call, or could not be reached; {@link #failure()} says why and whether to try again. */
public class PlatformException extends RuntimeException {

    private final transient PlatformFailure failure;

    public PlatformException(PlatformFailure failure) {
        super(failure.reason() + " (" + failure.code() + ": " + failure.detail() + ")");
        this.failure = failure;
    }

    public PlatformFailure failure() {
        return failure;
    }
}
