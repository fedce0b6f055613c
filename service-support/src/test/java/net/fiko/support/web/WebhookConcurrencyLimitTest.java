package net.fiko.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Webhooks beyond the limit wait briefly, then get 503 and Retry-After; a place freed is taken again. */
class WebhookConcurrencyLimitTest {

    private final WebhookConcurrencyLimit limit = new WebhookConcurrencyLimit(1, Duration.ofMillis(200));

    @Test
    void aWebhookBeyondTheLimitIsAnswered503WithRetryAfterAndThePlaceIsFreedAfterwards() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> call(() -> {
            inside.countDown();
            await(leave);
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        limit.doFilter(webhook(), refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");

        leave.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(call(() -> {})).isEqualTo(200);
    }

    @Test
    void aWebhookThatWaitsLessThanTheQueueWaitGetsIn() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> call(() -> {
            inside.countDown();
            await(leave);
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        // The second waits for the place (up to 200 ms); the first leaves while it waits.
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> call(() -> {}));
        leave.countDown();

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
    }

    private int call(Runnable handler) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            limit.doFilter(webhook(), response, (request, reply) -> handler.run());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response.getStatus();
    }

    private static MockHttpServletRequest webhook() {
        return new MockHttpServletRequest("POST", "/webhooks/telegram/c1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
