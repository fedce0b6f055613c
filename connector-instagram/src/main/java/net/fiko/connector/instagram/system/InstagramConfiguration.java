package net.fiko.connector.instagram.system;

import java.time.Clock;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.support.secrets.SecretCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InstagramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    GraphApiClient graphApiClient(InstagramProperties properties) {
        return new GraphApiClient(
                properties.graphBaseUrl(),
                properties.graphVersion(),
                properties.connectTimeout(),
                properties.readTimeout());
    }

    @Bean
    SecretCipher secretCipher(InstagramProperties properties) {
        return new SecretCipher(properties.secretKey(), "FIKO_INSTAGRAM_SECRET_KEY");
    }
}
