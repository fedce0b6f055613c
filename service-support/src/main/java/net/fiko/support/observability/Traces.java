package net.fiko.support.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A trace across the places Spring's own instrumentation does not reach: work that waits in a queue, a batch, or a
 * database row between the request that started it and the thread that finishes it. What travels is the W3C {@code
 * traceparent}, the header the Kafka templates and listeners write and read. Without tracing on the classpath (the
 * local console), {@link #current} is null and {@link #continueFrom} only runs its work.
 */
public final class Traces {

    /** The W3C Trace Context header, on records as on HTTP requests. */
    public static final String HEADER = "traceparent";

    private final ObservationRegistry registry;
    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(ObservationRegistry registry, Tracer tracer, Propagator propagator) {
        this.registry = registry == null ? ObservationRegistry.NOOP : registry;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Traces that do nothing: for code run without a Spring context. */
    public static Traces none() {
        return new Traces(ObservationRegistry.NOOP, null, null);
    }

    /** The {@code traceparent} of the span current on this thread, or null when there is none. */
    public String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(2);
        propagator.inject(context, headers, Map::put);
        return headers.get(HEADER);
    }

    /** The observation current on this thread, to resume on another ({@link Observation#scoped}); never null. */
    public Observation currentObservation() {
        Observation current = registry.getCurrentObservation();
        return current == null ? Observation.NOOP : current;
    }

    /**
     * Runs {@code work} as a span named {@code name} in the trace {@code traceparent} names (a new trace when it is null
     * or not a traceparent): the log lines written meanwhile carry its trace id, and the records sent carry it on.
     */
    public <X> X continueFrom(String name, String traceparent, Supplier<X> work) {
        if (registry.isNoop()) {
            return work.get();
        }
        var context = new ReceiverContext<Map<String, String>>((carrier, key) -> carrier.get(key), Kind.CONSUMER);
        context.setCarrier(traceparent == null ? Map.of() : Map.of(HEADER, traceparent));
        return Observation.createNotStarted(name, () -> context, registry).observe(work);
    }

    /** The {@code traceparent} a record came with, or null. */
    public static String of(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
