package net.fiko.connector.kit.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where a file is kept: its platform, its tenant and its id, each a plain token ({@code [A-Za-z0-9._-]}, at most 128
 * characters, not {@code .} or {@code ..}), so a key can never name a place outside the store, and never a customer's
 * own file name.
 */
public record MediaKey(String platform, String tenant, String id) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public MediaKey {
        check("platform", platform);
        check("tenant", tenant);
        check("id", id);
    }

    private static void check(String part, String value) {
        if (value == null || !TOKEN.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("Not a media key " + part + ": " + value);
        }
    }

    /**
     * The key of a tenant's file: the tenant and the id as they are when they are plain tokens, else as digests, so
     * any tenant id and any platform reference make a key.
     */
    public static MediaKey of(String platform, String tenant, String id) {
        return new MediaKey(platform, plain(tenant) ? tenant : digest(tenant), plain(id) ? id : digest(id));
    }

    /** The first 20 bytes of the text's SHA-256, in hex: a key part for a text that is not a plain token. */
    public static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean plain(String value) {
        return value != null && TOKEN.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    /** The key as a relative path, {@code platform/tenant/id}; the same in every store. */
    public String path() {
        return platform + "/" + tenant + "/" + id;
    }
}
