package net.fiko.support.kafka;

/**
 * A record that no retry can ever process: not an event of the contract, or an event whose data no store accepts. The
 * listeners' error handler sends it to its topic's dead-letter topic at once.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonRecordException(String message) {
        super(message);
    }
}
