package net.fiko.local.console;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.fiko.events.EventJson;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in of the Telegram Bot API for the local mode ({@code FIKO_TELEGRAM_API_BASE_URL} pointed at
 * {@code /telegram}): the calls the connector makes, answered as Telegram answers them, and the customers' side of
 * each chat recorded for the simulator. A bot's id is the number its token starts with, as on Telegram.
 */
@RestController
class TelegramStandIn {

    private final TelegramWebhooks webhooks;
    private final CustomerChats chats;
    private final Clock clock;
    private final AtomicLong messageIds;

    TelegramStandIn(TelegramWebhooks webhooks, CustomerChats chats, Clock clock) {
        this.webhooks = webhooks;
        this.chats = chats;
        this.clock = clock;
        // Increasing across restarts, as Telegram's are for a chat.
        this.messageIds = new AtomicLong(clock.millis() / 100);
    }

    @PostMapping("/telegram/bot{token}/{method}")
    ResponseEntity<JsonNode> call(
            @PathVariable String token, @PathVariable String method, @RequestBody(required = false) JsonNode body) {
        JsonNode args = body == null ? EventJson.mapper().createObjectNode() : body;
        if (!token.matches("\\d{1,15}:[A-Za-z0-9_-]{10,}")) {
            return error(401, "Unauthorized");
        }
        long botId = Long.parseLong(token.substring(0, token.indexOf(':')));
        return switch (method) {
            case "getMe" ->
                ok(EventJson.mapper()
                        .createObjectNode()
                        .put("id", botId)
                        .put("is_bot", true)
                        .put("first_name", "Fiko Demo")
                        .put("username", "fiko_demo_" + botId + "_bot"));
            case "setWebhook" -> {
                webhooks.register(
                        token,
                        args.path("url").asString(),
                        args.path("secret_token").asString(null));
                yield ok(EventJson.mapper().booleanNode(true));
            }
            case "deleteWebhook" -> {
                webhooks.remove(token);
                yield ok(EventJson.mapper().booleanNode(true));
            }
            case "sendChatAction" -> {
                CustomerChats.Chat chat =
                        chats.find("telegram", args.path("chat_id").asString(""));
                if (chat == null) {
                    yield error(400, "Bad Request: chat not found");
                }
                chat.typing(clock.instant());
                yield ok(EventJson.mapper().booleanNode(true));
            }
            case "sendMessage" -> sendMessage(args);
            case "getUpdates" ->
                webhooks.of(token) != null
                        ? error(
                                409,
                                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook"
                                        + " to delete the webhook first")
                        : ok(EventJson.mapper().createArrayNode());
            default -> error(404, "Not Found: method not found");
        };
    }

    /**
     * {@code sendPhoto}, {@code sendDocument}, … as the connector uploads them (multipart): the customer's chat shows
     * the file's name and its caption.
     */
    @PostMapping(path = "/telegram/bot{token}/{method}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JsonNode> sendFile(
            @PathVariable String token,
            @PathVariable String method,
            @RequestParam("chat_id") String chatId,
            @RequestParam(name = "caption", required = false) String caption,
            MultipartHttpServletRequest request) {
        if (!token.matches("\\d{1,15}:[A-Za-z0-9_-]{10,}")) {
            return error(401, "Unauthorized");
        }
        MultipartFile file = request.getFileMap().values().stream().findFirst().orElse(null);
        if (!method.startsWith("send") || file == null || file.isEmpty()) {
            return error(400, "Bad Request: there is no file in the request");
        }
        String text = "📎 " + file.getOriginalFilename() + (caption == null || caption.isBlank() ? "" : " " + caption);
        ObjectNode args =
                EventJson.mapper().createObjectNode().put("chat_id", chatId).put("text", text);
        return sendMessage(args);
    }

    private ResponseEntity<JsonNode> sendMessage(JsonNode args) {
        String text = args.path("text").asString("");
        CustomerChats.Chat chat = chats.find("telegram", args.path("chat_id").asString(""));
        if (chat == null) {
            return error(400, "Bad Request: chat not found");
        }
        if (chat.blocked()) {
            return error(403, "Forbidden: bot was blocked by the user");
        }
        if (text.isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (text.length() > 4096) {
            return error(400, "Bad Request: message is too long");
        }
        long sent = clock.millis();
        chat.add("agent", text, java.time.Instant.ofEpochMilli(sent));
        chats.save();
        ObjectNode message = EventJson.mapper()
                .createObjectNode()
                .put("message_id", messageIds.incrementAndGet())
                .put("date", sent / 1000)
                .put("text", text);
        message.putObject("chat")
                .put("id", Long.parseLong(args.path("chat_id").asString()))
                .put("type", "private")
                .put("first_name", chat.name());
        return ok(message);
    }

    private static ResponseEntity<JsonNode> ok(JsonNode result) {
        ObjectNode answer = EventJson.mapper().createObjectNode().put("ok", true);
        answer.set("result", result);
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<JsonNode> error(int code, String description) {
        return ResponseEntity.status(code)
                .body(EventJson.mapper()
                        .valueToTree(Map.of("ok", false, "error_code", code, "description", description)));
    }
}
