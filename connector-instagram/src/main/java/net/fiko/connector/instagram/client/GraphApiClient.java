package net.fiko.connector.instagram.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.fiko.connector.kit.platform.PlatformHttp;
import net.fiko.events.EventJson;
import net.fiko.events.StorableJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Instagram Graph API (Instagram Login), at a configurable base URL and version so tests can stand in for Meta.
 * Access tokens travel in the {@code Authorization} header, never in a URL that could be logged.
 */
public class GraphApiClient {

    private final RestClient http;
    private final String base;

    /** A client of the Graph API at {@code baseUrl}, built from Spring Boot's builder so its calls are observed. */
    public GraphApiClient(
            RestClient.Builder builder, String baseUrl, String version, Duration connectTimeout, Duration readTimeout) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = url + "/" + version;
        this.http = PlatformHttp.client(
                builder,
                "instagram",
                HttpClient.newBuilder().connectTimeout(connectTimeout).build(),
                readTimeout);
    }

    /** The professional account a token belongs to: proves the token is valid. */
    public AccountInfo me(String token) {
        JsonNode me = call("GET", token, "/me?fields=user_id,username", null);
        return new AccountInfo(
                me.path("user_id").asString(me.path("id").asString("")),
                me.path("username").asString(null));
    }

    /** A customer's profile; Meta serves it only after the customer has written to the account. */
    public Profile profile(String token, String igsid) {
        JsonNode profile = StorableJson.clean(call("GET", token, "/{igsid}?fields=name,username", null, igsid));
        return new Profile(
                profile.path("name").asString(null), profile.path("username").asString(null));
    }

    /**
     * Sends a text (at most 1000 UTF-8 bytes); returns Meta's message id. With {@code humanAgentTag} the message is
     * tagged {@code HUMAN_AGENT}, which Meta accepts up to 7 days after the customer's last message.
     */
    public String sendText(String token, String accountId, String recipientId, String text, boolean humanAgentTag) {
        return send(token, accountId, recipientId, Map.of("text", text), humanAgentTag);
    }

    /**
     * Sends a file Meta fetches from {@code url}: {@code type} is {@code image}, {@code audio}, {@code video} or
     * {@code file}. Returns Meta's message id.
     */
    public String sendAttachment(
            String token, String accountId, String recipientId, String type, String url, boolean humanAgentTag) {
        return send(
                token,
                accountId,
                recipientId,
                Map.of("attachment", Map.of("type", type, "payload", Map.of("url", url))),
                humanAgentTag);
    }

    private String send(
            String token, String accountId, String recipientId, Map<String, ?> message, boolean humanAgentTag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", recipientId));
        body.put("message", message);
        if (humanAgentTag) {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", "HUMAN_AGENT");
        }
        return call("POST", token, "/{account}/messages", body, accountId)
                .path("message_id")
                .asString();
    }

    /** Shows "typing…" to the customer. */
    public void typingOn(String token, String accountId, String recipientId) {
        call(
                "POST",
                token,
                "/{account}/messages",
                Map.of("recipient", Map.of("id", recipientId), "sender_action", "typing_on"),
                accountId);
    }

    /** Calls {@code path}, a template whose variables are ids: the observation's uri is the template. */
    private JsonNode call(String method, String token, String path, Object body, Object... ids) {
        Reply reply;
        try {
            var request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri(base + path, ids)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            if (body != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(EventJson.toBytes(body));
            }
            reply = request.exchange((req, res) ->
                    new Reply(res.getStatusCode().value(), res.getBody().readAllBytes()));
        } catch (RestClientException e) {
            throw new GraphApiException(GraphFailure.unreachable(e.getClass().getSimpleName()));
        }
        JsonNode answer;
        try {
            answer = reply.body().length == 0 ? null : EventJson.mapper().readTree(reply.body());
        } catch (JacksonException e) {
            answer = null;
        }
        if (reply.status() / 100 == 2 && answer != null && !answer.has("error")) {
            return answer;
        }
        JsonNode error = answer == null ? null : answer.get("error");
        if (error == null) {
            throw new GraphApiException(GraphFailure.of(reply.status(), 0, 0, "HTTP " + reply.status()));
        }
        throw new GraphApiException(GraphFailure.of(
                reply.status(),
                error.path("code").asInt(0),
                error.path("error_subcode").asInt(0),
                error.path("message").asString("")));
    }

    private record Reply(int status, byte[] body) {}

    /** An Instagram professional account: its id (the webhooks' {@code entry.id}) and username. */
    public record AccountInfo(String userId, String username) {}

    /** A customer's public profile; either field may be null. */
    public record Profile(String name, String username) {}
}
