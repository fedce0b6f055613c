package net.fiko.message.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of message-service ({@code fiko.message-service.*}).
 *
 * @param queryExpiry a gateway query older than this is dropped unanswered: the gateway that asked has given up on it
 *     (its {@code fiko.gateway.query-timeout}, 10 s), so answering would only lengthen a backlog
 * @param mediaBaseUrls each platform's connector as agents' apps reach it (its public base URL): an agent's file sent
 *     in a message is opened at {@code <this>/api/media/<platform>/uploads/<id>}
 */
@ConfigurationProperties("fiko.message-service")
public record MessageServiceProperties(
        Outbox outbox, Delivery delivery, Duration queryExpiry, Map<String, String> mediaBaseUrls) {

    public MessageServiceProperties {
        outbox = outbox == null ? new Outbox(null, null, null, null) : outbox;
        delivery = delivery == null ? new Delivery(null, null) : delivery;
        queryExpiry = queryExpiry == null ? Duration.ofSeconds(10) : queryExpiry;
        Map<String, String> urls =
                new LinkedHashMap<>(Map.of("telegram", "http://localhost:8082", "instagram", "http://localhost:8083"));
        if (mediaBaseUrls != null) {
            urls.putAll(mediaBaseUrls);
        }
        urls.replaceAll((platform, url) -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        mediaBaseUrls = Map.copyOf(urls);
    }

    /**
     * Delivery of agents' messages to the platforms.
     *
     * @param timeout how long a connector may take to answer before the message is failed
     * @param checkInterval how often overdue messages are looked for
     */
    public record Delivery(Duration timeout, Duration checkInterval) {

        public Delivery {
            timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
            checkInterval = checkInterval == null ? Duration.ofSeconds(5) : checkInterval;
        }
    }

    /**
     * The outbox relay.
     *
     * @param batchSize events published per round trip
     * @param pollInterval how often the relay looks when no commit woke it
     * @param sendTimeout how long a batch may wait for Kafka's acknowledgements
     * @param retryInterval the pause after a failed batch
     */
    public record Outbox(Integer batchSize, Duration pollInterval, Duration sendTimeout, Duration retryInterval) {

        public Outbox {
            batchSize = batchSize == null ? 500 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
            retryInterval = retryInterval == null ? Duration.ofSeconds(1) : retryInterval;
        }
    }
}
