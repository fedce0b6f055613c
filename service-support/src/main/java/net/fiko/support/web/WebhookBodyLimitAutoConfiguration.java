package net.fiko.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Every service's {@code /webhooks/*} takes a body of at most {@code fiko.webhooks.max-body-size} (1 MiB unless set;
 * Telegram's and Meta's updates are a few KB), and at most {@code fiko.webhooks.max-concurrent} webhooks at once (64;
 * together they hold one database connection while Kafka takes their messages, the connectors' group commit's), the
 * next waiting up to {@code fiko.webhooks.queue-wait} (2 s) before a 503. What is refused is counted ({@link
 * WebhookRefusals}).
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

    @Bean
    FilterRegistrationBean<WebhookRefusals> fikoWebhookRefusals(ObjectProvider<MeterRegistry> meters) {
        var registration =
                new FilterRegistrationBean<>(new WebhookRefusals(meters.getIfAvailable(() -> Metrics.globalRegistry)));
        registration.addUrlPatterns("/webhooks/*");
        registration.setName("fikoWebhookRefusals");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebhookConcurrencyLimit> fikoWebhookConcurrencyLimit(
            @Value("${fiko.webhooks.max-concurrent:64}") int maxConcurrent,
            @Value("${fiko.webhooks.queue-wait:2s}") Duration queueWait) {
        var registration = new FilterRegistrationBean<>(new WebhookConcurrencyLimit(maxConcurrent, queueWait));
        registration.addUrlPatterns("/webhooks/*");
        registration.setName("fikoWebhookConcurrencyLimit");
        // Before the body is read: a webhook that must wait holds no buffer.
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
