package net.fiko.connector.kit.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliveryResult;

/**
 * {@code fiko.deliveries}: replies whose result was published, by {@code platform}, {@code outcome} ({@code sent} or
 * {@code failed}) and {@code code} (the platform's error code, or the connectors' own {@code in_doubt}, {@code
 * internal}...; {@code none} when sent). The calls themselves, with their latency and the platform's 429s, are {@code
 * http.client.requests{client.name=<platform>}}.
 */
final class DeliveryMeters {

    private final MeterRegistry meters;
    private final String platform;

    DeliveryMeters(MeterRegistry meters, String platform) {
        this.meters = meters;
        this.platform = platform.toLowerCase(Locale.ROOT);
    }

    void published(DeliveryResult result) {
        boolean failed = result instanceof DeliveryFailed;
        String code =
                result instanceof DeliveryFailed failure && failure.errorCode() != null ? failure.errorCode() : "none";
        Counter.builder("fiko.deliveries")
                .description("Replies whose delivery result was published")
                .tag("platform", platform)
                .tag("outcome", failed ? "failed" : "sent")
                .tag("code", code)
                .register(meters)
                .increment();
    }
}
