package net.fiko.connector.telegram.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fiko.connector.kit.platform.PlatformHttp;
import net.fiko.events.EventJson;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * The Telegram Bot API, at a configurable base URL (the real one, a self-hosted Bot API server, or a test server).
 * The bot token is part of every URL the API defines, so URLs are never logged and no error message carries one.
 * Texts are sent plain, without {@code parse_mode}, so what an agent types cannot become markup.
 */
public class BotApiClient {

    /** The longest {@code getUpdates} wait this client allows (Telegram holds a long poll open that long). */
    public static final Duration MAX_LONG_POLL = Duration.ofSeconds(50);

    private final RestClient http;
    private final RestClient longPolls;
    private final String baseUrl;

    /** A client of the API at {@code baseUrl}, built from Spring Boot's builder so its calls are observed. */
    public BotApiClient(RestClient.Builder builder, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.http = PlatformHttp.client(builder, "telegram", client, readTimeout);
        this.longPolls = PlatformHttp.client(builder, "telegram", client, readTimeout.plus(MAX_LONG_POLL));
    }

    /** The bot's own account: proves a token is valid. */
    public BotUser getMe(String token) {
        JsonNode result = call(token, "getMe", Map.of());
        return new BotUser(
                result.path("id").asLong(),
                result.path("username").asString(null),
                result.path("first_name").asString(null));
    }

    public void setWebhook(String token, String url, String secretToken, List<String> allowedUpdates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("secret_token", secretToken);
        body.put("allowed_updates", allowedUpdates);
        call(token, "setWebhook", body);
    }

    public void deleteWebhook(String token) {
        call(token, "deleteWebhook", Map.of());
    }

    /** Sends a plain text; returns Telegram's id of the sent message. */
    public long sendMessage(String token, long chatId, String text) {
        return call(token, "sendMessage", Map.of("chat_id", chatId, "text", text))
                .path("message_id")
                .asLong();
    }

    /**
     * Sends a file as a multipart upload: {@code method} ({@code sendPhoto}, {@code sendDocument}, …) with the file in
     * {@code field}, its caption plain (no {@code parse_mode}) when there is one; returns Telegram's id of the sent
     * message. The file is read as it is sent, never whole in memory, and again if the call is retried.
     */
    public long sendFile(
            String token, long chatId, String method, String field, Resource file, String contentType, String caption) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("chat_id", Long.toString(chatId));
        HttpHeaders part = new HttpHeaders();
        part.setContentType(MediaType.parseMediaType(contentType));
        form.add(field, new HttpEntity<>(file, part));
        if (caption != null && !caption.isEmpty()) {
            form.add("caption", caption);
        }
        return call(http, token, method, MediaType.MULTIPART_FORM_DATA, form)
                .path("message_id")
                .asLong();
    }

    /**
     * Long-polls for updates: Telegram answers as soon as it has any, or after {@code timeout} with none. Passing
     * {@code offset} confirms every update below it, so Telegram forgets them: pass an update's id + 1 only once
     * the update is safe elsewhere. {@code offset} null asks for the oldest unconfirmed update.
     */
    public List<JsonNode> getUpdates(String token, Long offset, Duration timeout, List<String> allowedUpdates) {
        if (timeout.compareTo(MAX_LONG_POLL) > 0) {
            throw new IllegalArgumentException("A long poll waits at most " + MAX_LONG_POLL);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (offset != null) {
            body.put("offset", offset);
        }
        body.put("timeout", timeout.toSeconds());
        body.put("allowed_updates", allowedUpdates);
        List<JsonNode> updates = new ArrayList<>();
        call(longPolls, token, "getUpdates", body).forEach(updates::add);
        return updates;
    }

    public void sendChatAction(String token, long chatId, String action) {
        call(token, "sendChatAction", Map.of("chat_id", chatId, "action", action));
    }

    /** Where a file of the bot's chats is, to download it ({@link #download}); Telegram serves files up to 20 MB. */
    public FileInfo getFile(String token, String fileId) {
        JsonNode file = call(token, "getFile", Map.of("file_id", fileId));
        JsonNode size = file.path("file_size");
        return new FileInfo(file.path("file_path").asString(null), size.isNumber() ? size.asLong() : null);
    }

    /**
     * Reads a file {@link #getFile} located: {@code reader} gets its bytes as they arrive. The download URL holds the
     * token, as the Bot API defines it; here it is a template variable, never logged or measured.
     */
    public <T> T download(String token, String filePath, DownloadReader<T> reader) {
        // Each segment of the path a variable of its own: the '/' between them stays a '/' (a single variable would
        // send it as %2F), and the observation's uri stays the template, whatever the file.
        String[] segments = filePath.split("/");
        StringBuilder template = new StringBuilder(baseUrl).append("/file/bot{token}");
        Object[] variables = new Object[segments.length + 1];
        variables[0] = token;
        for (int i = 0; i < segments.length; i++) {
            template.append("/{p").append(i).append('}');
            variables[i + 1] = segments[i];
        }
        try {
            return http.get().uri(template.toString(), variables).exchange((request, reply) -> {
                int status = reply.getStatusCode().value();
                if (status != 200) {
                    throw new BotApiException(BotApiFailure.of(status, status, "HTTP " + status, null));
                }
                return reader.read(reply.getBody());
            });
        } catch (RestClientException e) {
            throw new BotApiException(BotApiFailure.unreachable(e.getClass().getSimpleName()));
        }
    }

    /** A file Telegram keeps: its path for {@link #download}, and its size when Telegram says. */
    public record FileInfo(String path, Long size) {}

    private JsonNode call(String token, String method, Map<String, ?> body) {
        return call(http, token, method, body);
    }

    private JsonNode call(RestClient http, String token, String method, Map<String, ?> body) {
        return call(http, token, method, MediaType.APPLICATION_JSON, EventJson.toBytes(body));
    }

    private JsonNode call(RestClient http, String token, String method, MediaType type, Object body) {
        JsonNode answer;
        int status;
        try {
            var response = http.post()
                    // A template: the token is a variable, so the observation's uri and http.url never hold it.
                    .uri(baseUrl + "/bot{token}/" + method, token)
                    .contentType(type)
                    .body(body)
                    .exchange((request, reply) -> new Reply(
                            reply.getStatusCode().value(), reply.getBody().readAllBytes()));
            status = response.status();
            answer = response.body().length == 0 ? null : EventJson.mapper().readTree(response.body());
        } catch (RestClientException e) {
            throw new BotApiException(BotApiFailure.unreachable(e.getClass().getSimpleName()));
        } catch (tools.jackson.core.JacksonException e) {
            throw new BotApiException(BotApiFailure.of(502, 0, "An answer that is not JSON", null));
        }
        if (answer != null && answer.path("ok").asBoolean(false)) {
            return answer.path("result");
        }
        if (answer == null) {
            throw new BotApiException(BotApiFailure.of(status, 0, "HTTP " + status, null));
        }
        JsonNode retryAfter = answer.path("parameters").path("retry_after");
        throw new BotApiException(BotApiFailure.of(
                status,
                answer.path("error_code").asInt(0),
                answer.path("description").asString(""),
                retryAfter.isNumber() ? retryAfter.asLong() : null));
    }

    private record Reply(int status, byte[] body) {}

    /** The bot account behind a token. */
    public record BotUser(long id, String username, String firstName) {}
}
