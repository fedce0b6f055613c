package net.fiko.local.console;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The local mode's pages and stand-ins, on one port: the agent console ({@code /console/}), the customer simulator
 * ({@code /simulator/}), and in front of the connectors a stand-in of the Telegram Bot API ({@code /telegram}) and of
 * the Instagram Graph API ({@code /graph}) that records what it is sent. Never part of a deployment.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication implements WebMvcConfigurer {

    /** The console as a builder, configured by {@code fiko-console.yml}. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=fiko-console");
    }

    /** Each page's folder serves its {@code index.html}, as a web server does. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : new String[] {"console", "simulator"}) {
            registry.addRedirectViewController("/" + page, "/" + page + "/");
            registry.addViewController("/" + page + "/").setViewName("forward:/" + page + "/index.html");
        }
    }

    @Bean
    DemoCustomer demoCustomer(@Value("${fiko.console.kafka-bootstrap-servers}") String kafkaBootstrapServers) {
        return new DemoCustomer(kafkaBootstrapServers);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
