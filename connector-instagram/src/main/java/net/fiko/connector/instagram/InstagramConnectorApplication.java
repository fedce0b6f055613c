package net.fiko.connector.instagram;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Connects tenants' Instagram accounts: webhooks in, replies out, delivery results back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InstagramConnectorApplication {

    /** The connector as a builder, configured by {@code connector-instagram.yml}; the local mode runs it beside others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(InstagramConnectorApplication.class)
                .properties("spring.config.name=connector-instagram");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
