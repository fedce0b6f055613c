package net.fiko.support.web;

import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * An access log, with {@code fiko.access-log.enabled=true}: one line per request to the logger {@code fiko.access}
 * (so it is JSON when the logs are, and redacted), with the path and never the query string: the gateway's sockets
 * carry their token in {@code ?token=}. Jetty's own access log ({@code server.jetty.accesslog.*}) would write the whole
 * request line, token included: leave it off.
 */
@AutoConfiguration
@ConditionalOnClass({CustomRequestLog.class, ConfigurableJettyWebServerFactory.class})
@ConditionalOnProperty(name = "fiko.access-log.enabled", havingValue = "true")
public class AccessLogAutoConfiguration {

    /** Client address, user, time, method, path without query, protocol, status, bytes sent, milliseconds taken. */
    public static final String FORMAT = "%{client}a - %u %t \"%m %U %H\" %s %O %{ms}T";

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> fikoAccessLog() {
        return factory -> factory.addServerCustomizers(server -> {
            var writer = new Slf4jRequestLogWriter();
            writer.setLoggerName("fiko.access");
            server.setRequestLog(new CustomRequestLog(writer, FORMAT));
        });
    }
}
