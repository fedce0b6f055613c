package net.fiko.message;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The system of record: conversations, customers and messages in PostgreSQL, turned into durable events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessageServiceApplication {

    /** The service as a builder, configured by {@code message-service.yml}; the local mode runs it beside others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(MessageServiceApplication.class)
                .properties("spring.config.name=message-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
