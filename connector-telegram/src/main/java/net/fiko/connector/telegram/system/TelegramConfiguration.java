package net.fiko.connector.telegram.system;

import java.time.Clock;
import net.fiko.connector.telegram.client.BotApiClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TelegramConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BotApiClient botApiClient(TelegramProperties properties) {
        return new BotApiClient(properties.apiBaseUrl(), properties.connectTimeout(), properties.readTimeout());
    }
}
