package net.fiko.support.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service that would sign, verify or encrypt with a secret everyone can read in this repository:
 * the local mode's JWT secret, the connectors' development AES keys. They are allowed only where
 * {@code fiko.allow-development-secrets} is true: the local mode and the tests.
 */
@AutoConfiguration
public class DevelopmentSecretsGuard {

    /** The settings that hold secrets, each with its environment variable for the message. */
    static final List<String[]> SECRETS = List.of(
            new String[] {"fiko.jwt.secret", "FIKO_JWT_SECRET"},
            new String[] {"fiko.telegram.token-key", "FIKO_TELEGRAM_TOKEN_KEY"},
            new String[] {"fiko.instagram.secret-key", "FIKO_INSTAGRAM_SECRET_KEY"});

    @Bean
    Object fikoDevelopmentSecretsChecked(Environment environment) {
        if (environment.getProperty("fiko.allow-development-secrets", Boolean.class, false)) {
            return "development secrets allowed";
        }
        List<String> found = new ArrayList<>();
        for (String[] secret : SECRETS) {
            if (isDevelopmentSecret(environment.getProperty(secret[0]))) {
                found.add(secret[1]);
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(
                    "Refusing to start with the development value of " + String.join(", ", found)
                            + ": it is published with Fiko's source. Set your own (the local mode and tests may set"
                            + " fiko.allow-development-secrets=true).");
        }
        return "no development secrets";
    }

    /** Whether the value is one of the development secrets: they say so, as text or once base64-decoded. */
    static boolean isDevelopmentSecret(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (marked(value)) {
            return true;
        }
        try {
            return marked(new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean marked(String text) {
        return text.startsWith("fiko-development-") || text.startsWith("fiko-local-development-");
    }
}
