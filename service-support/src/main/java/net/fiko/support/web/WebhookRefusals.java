package net.fiko.support.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code fiko.webhooks.refused}: webhooks answered with an error, by {@code platform} (the path's segment after {@code
 * /webhooks/}) and {@code status}: 401 or 403 (a wrong secret or signature: a misconfiguration, or someone probing),
 * 400 (not an update), 413 (over the body limit), 503 (the limits' queue was full or Kafka did not take the update:
 * the platform retries). Outside the other webhook filters, so their refusals count too.
 */
final class WebhookRefusals extends OncePerRequestFilter {

    private final MeterRegistry meters;

    WebhookRefusals(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status >= 400) {
                Counter.builder("fiko.webhooks.refused")
                        .description("Webhooks answered with an error status")
                        .tag("platform", platform(request.getRequestURI()))
                        .tag("status", Integer.toString(status))
                        .register(meters)
                        .increment();
            }
        }
    }

    /** The platform a webhook path names: a fixed set of routes, so the tag stays small. */
    static String platform(String path) {
        String rest = path.startsWith("/webhooks/") ? path.substring("/webhooks/".length()) : "";
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        return name.matches("[a-z]{1,20}") ? name : "other";
    }
}
