package net.fiko.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one of Fiko's services in this JVM, as its own Spring application context with its own configuration file,
 * the settings given here taking precedence (they are passed as command-line arguments).
 */
public final class FikoServices {

    private FikoServices() {}

    /** Settings every service takes: where Kafka is, the JWT secret, partitions per topic. */
    public static Map<String, Object> common(String kafkaBootstrapServers, String jwtSecret, int partitions) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        settings.put("fiko.jwt.secret", jwtSecret);
        // The local mode runs with the development keys of the configuration files, and maybe its own JWT secret.
        settings.put("fiko.allow-development-secrets", true);
        settings.put("fiko.kafka.partitions", partitions);
        settings.put("spring.main.banner-mode", "off");
        return settings;
    }

    public static ConfigurableApplicationContext start(SpringApplicationBuilder service, Map<String, Object> settings) {
        String[] args = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        return service.registerShutdownHook(false).run(args);
    }

    public static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return copy;
    }
}
