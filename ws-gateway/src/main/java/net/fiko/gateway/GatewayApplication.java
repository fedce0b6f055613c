package net.fiko.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The WebSocket edge of Fiko: the seed protocol on {@code /ws/conversations/} and {@code /ws/chat/{id}/}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** The gateway as a builder, configured by {@code ws-gateway.yml}; the local mode runs it beside others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=ws-gateway");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
