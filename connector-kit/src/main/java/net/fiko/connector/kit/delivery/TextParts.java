package net.fiko.connector.kit.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a reply over a platform's length limit into messages it takes, in order, never cutting a character. */
public final class TextParts {

    private TextParts() {}

    /** Parts of at most {@code max} characters (code points): Telegram counts characters. */
    public static List<String> byCharacters(String text, int max) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(max, text.codePointCount(start, text.length())));
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    /**
     * Parts of at most {@code maxBytes} UTF-8 bytes, preferring to cut after a space in the second half of a part:
     * Meta counts bytes.
     */
    public static List<String> byUtf8Bytes(String text, int maxBytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            int lastSpace = -1;
            while (end < text.length()) {
                int codePoint = text.codePointAt(end);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                end += Character.charCount(codePoint);
                if (Character.isWhitespace(codePoint)) {
                    lastSpace = end;
                }
            }
            if (end < text.length() && lastSpace > start + (end - start) / 2) {
                end = lastSpace;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }
}
