package net.fiko.connector.telegram;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Connects tenants' Telegram accounts: webhooks in, replies out, delivery results back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TelegramConnectorApplication {

    /** The connector as a builder, configured by {@code connector-telegram.yml}; the local mode runs it beside others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TelegramConnectorApplication.class)
                .properties("spring.config.name=connector-telegram");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
