package net.fiko.connector.telegram.system;

import java.time.Clock;
import net.fiko.connector.kit.retention.RetainedKeys;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.support.secrets.SecretCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TelegramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecretCipher tokenCipher(TelegramProperties properties) {
        return new SecretCipher(properties.tokenKey(), "FIKO_TELEGRAM_TOKEN_KEY");
    }

    @Bean
    RetainedKeys receivedUpdates(TelegramProperties properties) {
        return new RetainedKeys("received_updates", "received_at", properties.dedupeRetention(), "update ids");
    }

    @Bean
    BotApiClient botApiClient(TelegramProperties properties, RestClient.Builder http) {
        return new BotApiClient(
                http,
                properties.apiBaseUrl(),
                properties.timeouts().connect(),
                properties.timeouts().read());
    }
}
