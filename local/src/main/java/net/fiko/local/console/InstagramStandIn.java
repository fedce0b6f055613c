package net.fiko.local.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.fiko.events.EventJson;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in of the Instagram Graph API (Instagram Login) for the local mode ({@code FIKO_INSTAGRAM_GRAPH_BASE_URL}
 * pointed at {@code /graph}): {@code /me}, a customer's profile and the Send API, answered as Meta answers them,
 * Meta's 24-hour window included; what an account sends is recorded for the simulator. An access token's account is
 * {@link DemoAccounts#instagramAccount}.
 */
@RestController
class InstagramStandIn {

    private static final Duration REPLY_WINDOW = Duration.ofHours(24);

    private final CustomerChats chats;
    private final Clock clock;
    private final AtomicLong mids = new AtomicLong();

    InstagramStandIn(CustomerChats chats, Clock clock) {
        this.chats = chats;
        this.clock = clock;
    }

    @GetMapping("/graph/{version}/{node}")
    ResponseEntity<JsonNode> get(
            @PathVariable String node, @RequestHeader(name = "Authorization", required = false) String authorization) {
        String token = token(authorization);
        if (token == null) {
            return error(400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
        }
        if ("me".equals(node)) {
            String account = DemoAccounts.instagramAccount(token);
            return ResponseEntity.ok(EventJson.mapper()
                    .valueToTree(Map.of("user_id", account, "username", "fiko.demo.shop", "id", "app-" + account)));
        }
        CustomerChats.Chat chat = chats.find("instagram", node);
        if (chat == null) {
            return error(400, 100, 33, "Unsupported get request. Object with ID '" + node + "' does not exist");
        }
        return ResponseEntity.ok(EventJson.mapper()
                .valueToTree(Map.of(
                        "name",
                        chat.name(),
                        "username",
                        chat.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "."),
                        "id",
                        node)));
    }

    @PostMapping("/graph/{version}/{account}/messages")
    ResponseEntity<JsonNode> send(
            @PathVariable String account,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody JsonNode body) {
        String token = token(authorization);
        if (token == null || !DemoAccounts.instagramAccount(token).equals(account)) {
            return error(400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
        }
        String recipient = body.path("recipient").path("id").asString("");
        CustomerChats.Chat chat = chats.find("instagram", recipient);
        if (chat == null) {
            return error(400, 100, 2018001, "No matching user found");
        }
        if (body.has("sender_action")) {
            chat.typing(clock.instant());
            return ResponseEntity.ok(EventJson.mapper().valueToTree(Map.of("recipient_id", recipient)));
        }
        if (chat.blocked()) {
            return error(400, 551, 1545041, "This person isn't available right now.");
        }
        boolean tagged = "HUMAN_AGENT".equals(body.path("tag").asString(""));
        if (chat.lastCustomerMessage()
                .plus(tagged ? Duration.ofDays(7) : REPLY_WINDOW)
                .isBefore(clock.instant())) {
            return error(400, 10, 2534022, "This message is sent outside of allowed window.");
        }
        JsonNode attachment = body.path("message").path("attachment");
        String text = attachment.isObject()
                ? "📎 " + attachment.path("type").asString("file") + " "
                        + attachment.path("payload").path("url").asString("")
                : body.path("message").path("text").asString("");
        if (!attachment.isObject() && (text.isBlank() || text.length() > 1000)) {
            return error(400, 100, 2018108, "Message text is empty or longer than 1000 characters");
        }
        chat.add("agent", text, clock.instant());
        chats.save();
        return ResponseEntity.ok(EventJson.mapper()
                .valueToTree(Map.of("recipient_id", recipient, "message_id", "mid.local." + mids.incrementAndGet())));
    }

    private static String token(String authorization) {
        return authorization == null || !authorization.startsWith("Bearer ") || authorization.length() < 12
                ? null
                : authorization.substring("Bearer ".length());
    }

    private static ResponseEntity<JsonNode> error(int status, int code, int subcode, String message) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        if (subcode > 0) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "LocalStandIn");
        return ResponseEntity.status(status).body(EventJson.mapper().valueToTree(Map.of("error", error)));
    }
}
