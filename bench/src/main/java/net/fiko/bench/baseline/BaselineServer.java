package net.fiko.bench.baseline;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.fiko.events.EventJson;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;

/**
 * The baseline: a bare Spring WebSocket broadcast server on Jetty (as the gateway) with no Kafka, no database and no authentication.
 * It speaks just enough of the chat protocol for the same load generator: {@code recent_messages} on connect, and
 * each {@code chat_message} sent to every socket of its chat; a Telegram-shaped webhook announced to every list socket
 * as {@code new_customer_message}. Whatever Fiko's figures cost beyond these is the price
 * of durability, ordering, authentication and fan-out across instances.
 */
@SpringBootApplication
@EnableWebSocket
public class BaselineServer {

    public static ConfigurableApplicationContext start(int port) {
        SpringApplication application = new SpringApplication(BaselineServer.class);
        application.setDefaultProperties(Map.of(
                "server.port", port,
                "spring.main.banner-mode", "off",
                "spring.config.name", "baseline",
                "logging.level.root", "warn"));
        return application.run();
    }

    public static void main(String[] args) {
        start(Integer.parseInt(System.getProperty("baseline.port", "28100")));
        System.out.println("Baseline is ready");
    }

    @Bean
    Lists lists() {
        return new Lists();
    }

    @Bean
    WebSocketConfigurer chatSockets(Lists lists) {
        Broadcast broadcast = new Broadcast();
        return registry -> {
            registry.addHandler(broadcast, "/ws/chat/**").setAllowedOrigins("*");
            registry.addHandler(lists, "/ws/conversations/**").setAllowedOrigins("*");
        };
    }

    /**
     * Keeps an idle socket open, as the gateway does: Jetty would close it after its HTTP connector's 30 s. Jetty's
     * defaults otherwise match the gateway's settings (64 KiB frames).
     */
    static void keepIdle(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession socket
                && socket.getNativeSession() instanceof org.eclipse.jetty.websocket.api.Session jetty) {
            jetty.setIdleTimeout(Duration.ofHours(1));
        }
    }

    /** Webhooks: each update goes straight to every list socket as a new_customer_message. */
    @org.springframework.web.bind.annotation.RestController
    static class Webhooks {

        private final Lists lists;

        Webhooks(Lists lists) {
            this.lists = lists;
        }

        @org.springframework.web.bind.annotation.PostMapping("/webhooks/telegram/{channel}")
        void update(@org.springframework.web.bind.annotation.RequestBody byte[] body) {
            JsonNode update = EventJson.mapper().readTree(body);
            lists.announce(update.path("message").path("text").asString(""));
        }
    }

    /** Conversation-list sockets, all of one tenant. */
    static final class Lists extends TextWebSocketHandler {

        private final Set<WebSocketSession> sockets = ConcurrentHashMap.newKeySet();

        @Override
        public void afterConnectionEstablished(WebSocketSession session) throws IOException {
            var decorated = new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024);
            keepIdle(session);
            session.getAttributes().put("decorated", decorated);
            sockets.add(decorated);
            decorated.sendMessage(new TextMessage("{\"type\":\"conversations_list\",\"conversations\":[]}"));
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            sockets.remove(session.getAttributes().get("decorated"));
        }

        void announce(String text) {
            TextMessage frame = new TextMessage(EventJson.toJson(Map.of(
                    "type",
                    "new_customer_message",
                    "message",
                    Map.of("content", text),
                    "conversation",
                    Map.of("unread_count", 1))));
            for (WebSocketSession socket : sockets) {
                try {
                    socket.sendMessage(frame);
                } catch (IOException | IllegalStateException e) {
                    // A closed or hopelessly slow socket: the others still get it.
                }
            }
        }
    }

    /** Rooms by path; every text frame goes, as a chat_message, to every socket of the room. */
    static final class Broadcast extends TextWebSocketHandler {

        private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public void afterConnectionEstablished(WebSocketSession session) throws IOException {
            var decorated = new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024);
            keepIdle(session);
            session.getAttributes().put("decorated", decorated);
            rooms.computeIfAbsent(room(session), r -> ConcurrentHashMap.newKeySet())
                    .add(decorated);
            decorated.sendMessage(new TextMessage("{\"type\":\"recent_messages\",\"messages\":[]}"));
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            JsonNode frame = EventJson.mapper().readTree(message.getPayload());
            if (!"chat_message".equals(frame.path("type").asString())) {
                return;
            }
            TextMessage out = new TextMessage(EventJson.toJson(Map.of(
                    "type",
                    "chat_message",
                    "message",
                    Map.of(
                            "content",
                            frame.path("content").asString(""),
                            "sequence",
                            sequence.incrementAndGet(),
                            "type",
                            "support"))));
            for (WebSocketSession member : rooms.getOrDefault(room(session), Set.of())) {
                try {
                    member.sendMessage(out);
                } catch (IOException | IllegalStateException e) {
                    // A closed or hopelessly slow socket: the others still get the message.
                }
            }
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            Set<WebSocketSession> room = rooms.get(room(session));
            if (room != null) {
                room.remove(session.getAttributes().get("decorated"));
            }
        }

        private static String room(WebSocketSession session) {
            return session.getUri() == null ? "" : session.getUri().getPath();
        }
    }
}
