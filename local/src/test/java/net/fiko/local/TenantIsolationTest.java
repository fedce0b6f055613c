package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.fiko.dev.DevTokens;
import net.fiko.events.Platform;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** No socket sees another tenant's conversations: not while racing to join, not through a token that names no tenant. */
class TenantIsolationTest extends OnOneStack {

    static final int JOINS = 2_000;
    static final Duration RACE = Duration.ofSeconds(60);

    @Test
    void socketsOfAnotherTenantRacingToJoinABusyConversationShouldReceiveNoneOfItsFrames() throws Exception {
        String owner = tenant();
        String intruder = tenant();
        String conversation = stack.customerWrites(owner, Platform.TELEGRAM, "1", "John", "Hello");
        String intruderToken = RunningStack.token(intruder, "66", "Eve");
        AtomicBoolean busy = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        ConcurrentLinkedQueue<JsonNode> leaked = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        try (TestSocket ownersChat = stack.chat(0, RunningStack.token(owner, "7", "Agent"), conversation, null)) {
            ownersChat.next("recent_messages");
            Future<?> customer = pool.submit(() -> {
                while (busy.get()) {
                    stack.customerSends(owner, Platform.TELEGRAM, "1", "John", "busy " + written.incrementAndGet());
                }
            });
            long deadline = System.nanoTime() + RACE.toNanos();
            AtomicInteger joins = new AtomicInteger();
            List<Future<?>> intruders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                intruders.add(pool.submit(() -> {
                    while (joins.incrementAndGet() <= JOINS && System.nanoTime() < deadline) {
                        try (TestSocket socket = stack.chat(0, intruderToken, conversation, null)) {
                            if (socket.closeCode() == 4404) {
                                refused.incrementAndGet();
                            }
                            socket.pending().stream()
                                    .filter(frame ->
                                            !"error".equals(frame.path("type").asString()))
                                    .forEach(leaked::add);
                        }
                    }
                }));
            }
            for (Future<?> attempt : intruders) {
                attempt.get();
            }
            busy.set(false);
            customer.get();
            // The owner's chat was live throughout: the race ran against a conversation that was really busy.
            ownersChat.next(
                    frame -> frame.path("message").path("content").asString().equals("busy " + written.get()));
        } finally {
            pool.shutdownNow();
        }

        System.out.printf(
                "Race: %d joins refused with 4404 while the customer wrote %d messages; %d frames leaked%n",
                refused.get(), written.get(), leaked.size());
        assertThat(written.get()).isGreaterThan(100);
        assertThat(refused.get()).isGreaterThanOrEqualTo(Math.min(JOINS, 500));
        assertThat(leaked).isEmpty();
    }

    @Test
    void aTokenThatNamesNoTenantShouldNeverSeeTheConversationsOfATenantNamedLikeItsUser() {
        String tenant = "u" + UUID.randomUUID().toString().substring(0, 8);
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "2", "Sara", "For the business only");
        String tenantless = DevTokens.sign(
                FikoTestProperties.JWT_SECRET,
                Map.of("user_id", tenant, "token_type", "access"),
                Duration.ofMinutes(5));

        try (TestSocket list = stack.list(0, tenantless)) {
            assertThat(list.next("conversations_list").path("conversations").size())
                    .isZero();
        }
        try (TestSocket chat = stack.chat(0, tenantless, conversation, null)) {
            assertThat(chat.next().path("error").asString()).isEqualTo("Conversation not found");
            assertThat(chat.closeCode()).isEqualTo(4404);
        }
        try (TestSocket list = stack.list(0, RunningStack.token(tenant, "1", "Agent"))) {
            assertThat(list.next("conversations_list").path("conversations").size())
                    .isEqualTo(1);
        }
    }

    static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
