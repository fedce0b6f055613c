package net.fiko.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Every service's {@code /webhooks/*} takes a body of at most {@code fiko.webhooks.max-body-size} (1 MiB unless set;
 * Telegram's and Meta's updates are a few KB).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebhookBodyLimitAutoConfiguration {

    @Bean
    FilterRegistrationBean<WebhookBodyLimit> fikoWebhookBodyLimit(
            @Value("${fiko.webhooks.max-body-size:1MB}") DataSize maxBodySize) {
        var registration = new FilterRegistrationBean<>(new WebhookBodyLimit(maxBodySize.toBytes()));
        registration.addUrlPatterns("/webhooks/*");
        registration.setName("fikoWebhookBodyLimit");
        return registration;
    }
}
