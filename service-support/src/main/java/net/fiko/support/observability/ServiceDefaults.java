package net.fiko.support.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * What every Fiko service runs with unless its own file or the environment says otherwise: {@code
 * fiko-service-defaults.yml}, added last, below every other source (the Prometheus endpoint, build information,
 * observation of Kafka's listeners, OTLP export off until an endpoint is set, JSON logs redacted). One file rather than
 * the same lines in each service's. Also makes every log pattern's message redacted ({@link RedactingMessageConverter}),
 * before logging starts.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String FILE = "fiko-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        RedactingMessageConverter.install();
        if (environment.getPropertySources().contains(FILE)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(FILE, new ClassPathResource(FILE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE, e);
        }
    }
}
