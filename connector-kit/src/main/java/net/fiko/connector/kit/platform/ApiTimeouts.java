package net.fiko.connector.kit.platform;

import java.time.Duration;

/**
 * How long a platform's API may take ({@code fiko.<platform>.timeouts.*}): to connect, and to answer. A call that
 * takes longer fails as the platform being unreachable, and is retried like one.
 */
public record ApiTimeouts(Duration connect, Duration read) {

    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_READ = Duration.ofSeconds(15);

    public static final ApiTimeouts DEFAULT = new ApiTimeouts(DEFAULT_CONNECT, DEFAULT_READ);

    public ApiTimeouts {
        connect = connect == null ? DEFAULT_CONNECT : connect;
        read = read == null ? DEFAULT_READ : read;
    }
}
