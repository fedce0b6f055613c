package net.fiko.support.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/**
 * What every service shows of itself besides Boot's meters: {@code fiko.build.info}, always 1, tagged with the
 * build's {@code version} and {@code time} (from {@code META-INF/build-info.properties}; {@code unknown} when run from
 * an IDE) and the {@code java} runtime, so a dashboard can tell which build each instance runs during a rolling
 * upgrade.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"
        })
public class ObservabilityAutoConfiguration {

    @Bean
    Traces fikoTraces(
            ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new Traces(registry.getIfAvailable(), tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    MeterBinder fikoBuildInfo(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null || properties.getVersion() == null ? "unknown" : properties.getVersion();
        String time = properties == null || properties.getTime() == null
                ? "unknown"
                : properties.getTime().toString();
        return meters -> Gauge.builder("fiko.build.info", () -> 1)
                .description("The build this instance runs")
                .tag("version", version)
                .tag("time", time)
                .tag("java", System.getProperty("java.runtime.version", "unknown"))
                .register(meters);
    }
}
