package net.fiko.support.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The REST API's settings ({@code fiko.api.*}).
 *
 * @param allowedOrigins browser origins (patterns such as {@code https://*.fiko.net}) whose pages may call the REST
 *     API from another origin (CORS): the agents' app, uploading a file to a connector. Empty, none may.
 */
@ConfigurationProperties("fiko.api")
public record ApiProperties(List<String> allowedOrigins) {

    public ApiProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
