package net.fiko.connector.kit.media;

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

    /** The key as a relative path, {@code platform/tenant/id}; the same in every store. */
    public String path() {
        return platform + "/" + tenant + "/" + id;
    }
}
