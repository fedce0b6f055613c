package net.fiko.local.console;

import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The customer simulator's API: the chats as the platforms saw them, a customer writing, a customer blocking. */
@RestController
class SimulatorController {

    private static final int MAX_NAME = 64;
    private static final int MAX_TEXT = 4096;

    private final ConsoleSettings settings;
    private final CustomerChats chats;
    private final CustomerWrites writes;
    private final Clock clock;

    SimulatorController(ConsoleSettings settings, CustomerChats chats, CustomerWrites writes, Clock clock) {
        this.settings = settings;
        this.chats = chats;
        this.writes = writes;
        this.clock = clock;
    }

    @GetMapping("/simulator/api/chats")
    Map<String, Object> chats() {
        return Map.of(
                "telegram", settings.telegramStandIn(),
                "instagram", settings.instagramStandIn(),
                "chats", chats.views(clock.instant()));
    }

    @PostMapping("/simulator/api/{platform}/messages")
    ResponseEntity<Map<String, String>> write(@PathVariable String platform, @RequestBody JsonNode body) {
        if (!platform.equals("telegram") && !platform.equals("instagram")) {
            return error(404, "No such platform: telegram or instagram");
        }
        String name = body.path("name").asString("").strip();
        String text = body.path("text").asString("").strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return error(400, "name: 1 to " + MAX_NAME + " characters, no control characters");
        }
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            return error(400, "text: 1 to " + MAX_TEXT + " characters");
        }
        try {
            return ResponseEntity.accepted().body(Map.of("customer_id", writes.write(platform, name, text)));
        } catch (CustomerWrites.NotTaken e) {
            return error(e.status, e.getMessage());
        }
    }

    @PutMapping("/simulator/api/{platform}/customers/{customerId}/blocked")
    ResponseEntity<Map<String, String>> block(
            @PathVariable String platform, @PathVariable String customerId, @RequestBody JsonNode body) {
        CustomerChats.Chat chat = chats.find(platform, customerId);
        if (chat == null) {
            return error(404, "No such customer");
        }
        chat.blocked(body.path("blocked").asBoolean(false));
        chats.save();
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Map<String, String>> error(int status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
