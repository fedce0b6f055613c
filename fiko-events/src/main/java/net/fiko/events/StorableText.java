package net.fiko.events;

/**
 * Text every consumer of the contract can hold. PostgreSQL's {@code text} refuses U+0000, and a UTF-16 surrogate that
 * is not part of a pair has no UTF-8 form at all: one such character in a message would make every write of it fail,
 * forever. Whatever comes from outside (a client's frame, a platform's update) passes through here before it becomes an
 * event.
 */
public final class StorableText {

    /** What stands in for a character that cannot be stored. */
    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {}

    /** The text with U+0000 and unpaired surrogates replaced by U+FFFD; the same instance when there are none. */
    public static String of(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                clean.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append(REPLACEMENT);
            } else {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /** Whether the text holds neither U+0000 nor an unpaired surrogate. */
    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text is fit for an identifier or a search a client sends: storable, and without control characters
     * (C0, DEL, C1), which no id or search term of a person's holds.
     */
    public static boolean isPlainLine(String text) {
        if (!isStorable(text)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
