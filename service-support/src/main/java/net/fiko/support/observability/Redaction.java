package net.fiko.support.observability;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What no log line may carry, and what it says instead: signed tokens (JWTs: an agent's, or a platform's), Telegram
 * bot tokens, bearer credentials, and the values of {@code token}, {@code access_token}, {@code hub.verify_token} and
 * {@code secret} query parameters (the gateway's {@code ?token=}). Applied to every message and every JSON field the
 * services log ({@link RedactingMessageConverter}, {@link RedactingJsonMembers}) and to access logs, which never log a
 * query string at all.
 */
public final class Redaction {

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), "[jwt]"),
            new Rule(Pattern.compile("(?<![0-9])\\d{5,}:[A-Za-z0-9_-]{30,}"), "[bot-token]"),
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1[redacted]"),
            new Rule(
                    Pattern.compile("(?i)([?&](?:token|access_token|hub\\.verify_token|secret)=)[^&\\s\"]+"),
                    "$1[redacted]"));

    private Redaction() {}

    /** The text with every credential replaced; the text itself when it holds none. */
    public static String redact(String text) {
        if (text == null || !mayHoldACredential(text)) {
            return text;
        }
        String redacted = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(redacted);
            if (matcher.find()) {
                redacted = matcher.replaceAll(rule.replacement());
            }
        }
        return redacted;
    }

    /** A cheap look before the patterns: each credential above has one of these. */
    private static boolean mayHoldACredential(String text) {
        return text.indexOf(':') >= 0 || text.indexOf('=') >= 0 || text.contains("eyJ") || text.contains("earer");
    }

    private record Rule(Pattern pattern, String replacement) {}
}
