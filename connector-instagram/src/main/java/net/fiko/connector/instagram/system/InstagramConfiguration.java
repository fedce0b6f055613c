package net.fiko.connector.instagram.system;

import java.time.Clock;
import java.time.Duration;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.kit.retention.RetainedKeys;
import net.fiko.support.secrets.SecretCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InstagramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetainedKeys receivedMids(InstagramProperties properties) {
        return new RetainedKeys("received_mids", "received_at", properties.dedupeRetention(), "received message ids");
    }

    @Bean
    RetainedKeys retainedMediaReferences(InstagramProperties properties) {
        return new RetainedKeys("media", "received_at", properties.dedupeRetention(), "media references");
    }

    @Bean
    RetainedKeys sentMids(InstagramProperties properties) {
        return new RetainedKeys("sent_mids", "sent_at", properties.dedupeRetention(), "ids of sent parts");
    }

    /** Sends a crash left marked as under way: no send takes an hour. */
    @Bean
    RetainedKeys sendsInFlight() {
        return new RetainedKeys("sends_in_flight", "started_at", Duration.ofHours(1), "sends left under way");
    }

    @Bean
    GraphApiClient graphApiClient(InstagramProperties properties, RestClient.Builder http) {
        return new GraphApiClient(
                http,
                properties.graphBaseUrl(),
                properties.graphVersion(),
                properties.timeouts().connect(),
                properties.timeouts().read());
    }

    @Bean
    SecretCipher secretCipher(InstagramProperties properties) {
        return new SecretCipher(properties.secretKey(), "FIKO_INSTAGRAM_SECRET_KEY");
    }
}
