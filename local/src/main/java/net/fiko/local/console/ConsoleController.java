package net.fiko.local.console;

import java.time.Duration;
import java.util.Map;
import net.fiko.dev.DevTokens;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the agent console needs to start: the gateway's address and a development token for the agent the page's
 * address names ({@code ?agent=2&name=Sara}; agent 1, "Demo Agent", by default). The local mode signs with its own
 * secret; nothing like it exists outside it.
 */
@RestController
class ConsoleController {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final ConsoleSettings settings;

    ConsoleController(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/console/config.json")
    ResponseEntity<Map<String, Object>> config(
            @RequestParam(defaultValue = "1") String agent, @RequestParam(defaultValue = "Demo Agent") String name) {
        if (!agent.matches("[A-Za-z0-9_-]{1,32}")
                || name.isBlank()
                || name.length() > 64
                || name.chars().anyMatch(Character::isISOControl)) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "agent: 1 to 32 letters, digits, _ or -; name: 1 to 64 characters"));
        }
        return ResponseEntity.ok(Map.of(
                "gateway",
                settings.gatewayUrl(),
                "token",
                DevTokens.access(settings.jwtSecret(), agent, settings.tenant(), name.strip(), TOKEN_LIFETIME),
                "user_id",
                agent,
                "username",
                name.strip(),
                "tenant",
                settings.tenant(),
                "uploads",
                settings.uploads()));
    }
}
