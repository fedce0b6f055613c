package net.fiko.connector.kit.media;

/** A file over the size a store or a platform takes; its message is a sentence for the agent. */
public class MediaTooLargeException extends RuntimeException {

    public MediaTooLargeException(long maxBytes) {
        super("The file is larger than " + readable(maxBytes) + ", the most that can be sent");
    }

    /** {@code 20 MB} for a whole number of mebibytes, else the bytes. */
    static String readable(long bytes) {
        long mebibyte = 1024 * 1024;
        return bytes >= mebibyte && bytes % mebibyte == 0 ? bytes / mebibyte + " MB" : bytes + " bytes";
    }
}
