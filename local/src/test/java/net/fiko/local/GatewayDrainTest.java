package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import net.fiko.events.Platform;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A gateway stopped under load (customers writing into twenty open chats) reports not ready, then sends its clients
 * away a few at a time with 1012; each reconnects to the other gateway with {@code ?since=} and ends with every
 * message of its chat exactly once, in order.
 */
class GatewayDrainTest {

    static final int CHATS = 20;
    static final int MESSAGES = 15;

    @Test
    void aStoppingGatewayShouldSendItsClientsAwayAFewAtATimeAndEachResumeWithNothingLost() throws Exception {
        try (var stack = new RunningStack(ServerKind.EMBEDDED, 2, Map.of("fiko.gateway.drain-time", "2s"))) {
            String tenant = "tenant-" + UUID.randomUUID();
            String agent = RunningStack.token(tenant, "7", "Sara");
            List<Client> clients = new ArrayList<>();
            for (int chat = 0; chat < CHATS; chat++) {
                String conversation =
                        stack.customerWrites(tenant, Platform.TELEGRAM, "drain-" + chat, "C" + chat, text(chat, 0));
                clients.add(new Client(conversation, stack.chat(0, agent, conversation, null)));
            }
            int gateway = stack.gateway(0);

            CompletableFuture<Void> customers = CompletableFuture.runAsync(() -> {
                for (int message = 1; message <= MESSAGES; message++) {
                    for (int chat = 0; chat < CHATS; chat++) {
                        stack.customerSends(
                                tenant, Platform.TELEGRAM, "drain-" + chat, "C" + chat, text(chat, message));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
                }
            });
            var readiness = new ConcurrentLinkedQueue<Integer>();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                CompletableFuture<Void> watching = CompletableFuture.runAsync(() -> watch(gateway, readiness));
                stack.stopGateway(0);
                watching.join();
            });

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && !(customers.isDone() && stop.isDone() && clients.stream().allMatch(Client::complete))) {
                for (Client client : clients) {
                    client.read(stack, agent);
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            customers.join();
            stop.join();

            for (int chat = 0; chat < CHATS; chat++) {
                List<String> expected = new ArrayList<>();
                for (int message = 0; message <= MESSAGES; message++) {
                    expected.add(text(chat, message));
                }
                assertThat(clients.get(chat).seen).as("chat %d", chat).isEqualTo(expected);
                assertThat(clients.get(chat).closeCodes).as("chat %d", chat).containsExactly(1012);
            }
            List<Long> closes =
                    clients.stream().map(client -> client.closedAt).sorted().toList();
            assertThat(Duration.ofNanos(closes.get(closes.size() - 1) - closes.get(0)))
                    .as("the closes spread over the drain time, not all at once")
                    .isGreaterThan(Duration.ofMillis(1000));
            assertThat(readiness).as("readiness while stopping").contains(503);
        }
    }

    private static String text(int chat, int message) {
        return "chat " + chat + " message " + message;
    }

    /** Readiness of the stopping gateway until it no longer answers. */
    private static void watch(int port, ConcurrentLinkedQueue<Integer> statuses) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(1))
                .build();
        for (int i = 0; i < 200; i++) {
            try {
                statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            } catch (Exception gone) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
    }

    /** An agent's chat, as the seed's client keeps it: what it was shown, and its socket, reconnected when closed. */
    private static final class Client {
        final String conversation;
        final List<String> seen = new ArrayList<>();
        final List<Integer> closeCodes = new ArrayList<>();
        TestSocket socket;
        String lastId;
        long closedAt;

        Client(String conversation, TestSocket socket) {
            this.conversation = conversation;
            this.socket = socket;
        }

        boolean complete() {
            return seen.size() == MESSAGES + 1;
        }

        void read(RunningStack stack, String agent) {
            // Closed before the frames are taken: every frame the socket got came before its close and is taken now.
            boolean closed = socket.isClosed();
            for (JsonNode frame : socket.take()) {
                String type = frame.path("type").asString();
                if (type.equals("recent_messages")) {
                    frame.path("messages").forEach(this::shown);
                } else if (type.equals("chat_message")) {
                    shown(frame.path("message"));
                }
            }
            if (closed) {
                closeCodes.add(socket.closeCode());
                closedAt = System.nanoTime();
                socket.close();
                socket = stack.chat(1, agent, conversation, "since=" + lastId);
            }
        }

        private void shown(JsonNode message) {
            seen.add(message.path("content").asString());
            lastId = message.path("id").asString();
        }
    }
}
