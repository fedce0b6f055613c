package net.fiko.local.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.fiko.events.EventJson;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * The webhooks bots registered with the Telegram stand-in, kept in the local mode's data folder as Telegram keeps
 * them: the connector registers a bot once, and its webhook must outlive a restart of the local mode.
 */
@Component
class TelegramWebhooks {

    /** Where a bot's updates go, and the secret they carry. */
    record Registration(String url, String secret) {}

    private final Path file;
    private final Map<String, Registration> byToken;

    TelegramWebhooks(ConsoleSettings settings) {
        this.file = StandInFiles.of(settings, "telegram-webhooks.json");
        this.byToken = Files.exists(file) ? read(file) : new LinkedHashMap<>();
    }

    synchronized void register(String token, String url, String secret) {
        byToken.put(token, new Registration(url, secret));
        write();
    }

    synchronized void remove(String token) {
        if (byToken.remove(token) != null) {
            write();
        }
    }

    synchronized Registration of(String token) {
        return byToken.get(token);
    }

    /** The bot whose webhook the simulator's customers write to: the last registered. */
    synchronized Map.Entry<String, Registration> current() {
        Map.Entry<String, Registration> last = null;
        for (Map.Entry<String, Registration> entry : byToken.entrySet()) {
            last = entry;
        }
        return last;
    }

    private static Map<String, Registration> read(Path file) {
        try {
            return new LinkedHashMap<>(EventJson.mapper()
                    .readValue(Files.readAllBytes(file), new TypeReference<Map<String, Registration>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private void write() {
        StandInFiles.write(file, byToken);
    }
}
