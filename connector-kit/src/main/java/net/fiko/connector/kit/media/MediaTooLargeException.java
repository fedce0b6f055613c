package net.fiko.connector.kit.media;

/** A file over the size a store was asked to take: nothing of it is kept. */
public class MediaTooLargeException extends RuntimeException {

    public MediaTooLargeException(long maxBytes) {
        super("The file is over " + maxBytes + " bytes");
    }
}
