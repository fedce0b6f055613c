package net.fiko.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code permits} webhooks are taken in at once; the next waits up to {@code wait} for a place and is then
 * answered 503 with {@code Retry-After}, which Telegram and Meta both honour by sending the update again. A webhook
 * holds a database connection while Kafka takes its message: when Kafka is slow or down, unbounded webhooks took
 * every connection of the pool, and the replies the connector delivers, which need one too, stopped for minutes.
 */
public class WebhookConcurrencyLimit extends OncePerRequestFilter {

    private final Semaphore places;
    private final long waitNanos;

    public WebhookConcurrencyLimit(int permits, Duration wait) {
        this.places = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getOutputStream()
                    .write("{\"error\":\"Busy\",\"message\":\"Too many webhooks at once; send it again.\"}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }
}
