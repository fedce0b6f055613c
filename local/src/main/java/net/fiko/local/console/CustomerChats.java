package net.fiko.local.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.EventJson;
import org.springframework.stereotype.Component;

/**
 * The simulator's customers and what passed between each of them and the business, as the platform saw it: their own
 * messages and the agents' replies the stand-in received. Kept in the local mode's data folder, as the platform keeps
 * its chats: after a restart an agent still answers a customer the stand-in knows, within Meta's window.
 */
@Component
public class CustomerChats {

    /** How long a platform shows "typing…" after the business's last typing action (Telegram: 5 s). */
    static final java.time.Duration TYPING_SHOWN = java.time.Duration.ofSeconds(5);

    private static final int MAX_LINES = 500;

    private final Map<String, Chat> chats = new ConcurrentHashMap<>();
    private final Path file;

    CustomerChats(ConsoleSettings settings) {
        this.file = StandInFiles.of(settings, "customer-chats.json");
        if (Files.exists(file)) {
            try {
                for (Saved saved : EventJson.mapper().readValue(Files.readAllBytes(file), Saved[].class)) {
                    Chat chat = new Chat(saved.platform(), saved.customerId(), saved.name());
                    chat.restore(saved);
                    chats.put(saved.platform() + ":" + saved.customerId(), chat);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }

    /** The customer's chat, made on first use; {@code id} is the customer's id on the platform. */
    Chat chat(String platform, String id, String name) {
        return chats.computeIfAbsent(platform + ":" + id, key -> new Chat(platform, id, name));
    }

    /** Writes every chat to the data folder; called after each change (a person's pace, not a load's). */
    synchronized void save() {
        StandInFiles.write(file, chats.values().stream().map(Chat::saved).toList());
    }

    /** The chat of a known customer, or {@code null}. */
    Chat find(String platform, String id) {
        return chats.get(platform + ":" + id);
    }

    /** Every chat, the most recent first, as the simulator page shows them. */
    List<View> views(Instant now) {
        return chats.values().stream()
                .map(chat -> chat.view(now))
                .sorted(Comparator.comparing(View::updatedAt).reversed())
                .toList();
    }

    /** One line of a chat: {@code from} is {@code customer} or {@code agent}. */
    public record Line(String from, String text, Instant at) {}

    /** A chat as the page gets it. */
    public record View(
            String platform,
            String customerId,
            String name,
            boolean blocked,
            boolean agentTyping,
            Instant updatedAt,
            List<Line> lines) {}

    /** A chat as the data folder keeps it. */
    record Saved(
            String platform,
            String customerId,
            String name,
            boolean blocked,
            Instant lastCustomerMessage,
            Instant updatedAt,
            List<Line> lines) {}

    /** One customer's chat with the business. */
    static final class Chat {
        private final String platform;
        private final String id;
        private final String name;
        private final List<Line> lines = new ArrayList<>();
        private volatile boolean blocked;
        private volatile Instant typingAt = Instant.EPOCH;
        private Instant updatedAt = Instant.now();
        private volatile Instant lastCustomerMessage = Instant.EPOCH;

        private Chat(String platform, String id, String name) {
            this.platform = platform;
            this.id = id;
            this.name = name;
        }

        String name() {
            return name;
        }

        synchronized void add(String from, String text, Instant at) {
            if (lines.size() == MAX_LINES) {
                lines.remove(0);
            }
            lines.add(new Line(from, text, at));
            updatedAt = at;
            if ("agent".equals(from)) {
                typingAt = Instant.EPOCH; // a message ends the typing it announced, on both platforms
            } else {
                lastCustomerMessage = at;
            }
        }

        Instant lastCustomerMessage() {
            return lastCustomerMessage;
        }

        void typing(Instant at) {
            typingAt = at;
        }

        boolean blocked() {
            return blocked;
        }

        void blocked(boolean blocked) {
            this.blocked = blocked;
        }

        synchronized Saved saved() {
            return new Saved(platform, id, name, blocked, lastCustomerMessage, updatedAt, List.copyOf(lines));
        }

        synchronized void restore(Saved saved) {
            lines.addAll(saved.lines());
            blocked = saved.blocked();
            lastCustomerMessage = saved.lastCustomerMessage();
            updatedAt = saved.updatedAt();
        }

        synchronized View view(Instant now) {
            return new View(
                    platform,
                    id,
                    name,
                    blocked,
                    typingAt.plus(TYPING_SHOWN).isAfter(now),
                    updatedAt,
                    List.copyOf(lines));
        }
    }
}
