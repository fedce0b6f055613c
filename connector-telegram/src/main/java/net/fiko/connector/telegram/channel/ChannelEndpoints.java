package net.fiko.connector.telegram.channel;

import net.fiko.connector.kit.channel.RegistrationAnswers;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** A tenant's Telegram bots: register (with the bot token), list, remove. Tokens are never returned. */
@Configuration(proxyBeanMethods = false)
class ChannelEndpoints {

    @Bean
    RouterFunction<ServerResponse> channelRoutes(Channels channels) {
        return RegistrationEndpoints.at("/api/telegram/channels", "Channel", channels, (tenantId, fields) -> {
            Object token = fields.get("token");
            if (!(token instanceof String text) || !text.matches("\\d+:[A-Za-z0-9_-]{20,}")) {
                return RegistrationAnswers.error(
                        HttpStatus.BAD_REQUEST, "Invalid token", "token must be a bot token from @BotFather.");
            }
            return RegistrationAnswers.register(
                    () -> channels.register(tenantId, text),
                    "Telegram",
                    "bot token",
                    "This bot is registered for your business.");
        });
    }
}
