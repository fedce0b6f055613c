package net.fiko.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;

/** The connector's HTTP side as the tests drive it: a tenant's REST calls, and Meta's signed webhook calls. */
public record InstagramConnectorClient(int port) {

    public static final String APP_SECRET = "app-secret-0123456789abcdef";

    /** Registers an account for the tenant; returns the connector's id of it. */
    public String register(String tenant, String accountId, String accessToken, boolean humanAgentTag)
            throws Exception {
        HttpResponse<String> created = call(
                "POST",
                "/api/instagram/accounts",
                tenant,
                "{\"account_id\":\"" + accountId + "\",\"access_token\":\"" + accessToken + "\",\"app_secret\":\""
                        + APP_SECRET + "\",\"verify_token\":\"verify-" + accountId + "\",\"human_agent_tag\":"
                        + humanAgentTag + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(accessToken).doesNotContain(APP_SECRET);
        return EventJson.mapper().readTree(created.body()).path("id").asString();
    }

    public HttpResponse<String> call(String method, String path, String tenant, String body) {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Owner", Duration.ofMinutes(5));
        return RestCalls.send(port, method, path, token, body);
    }

    /** Meta's webhook call, signed with {@code secret} (null: no signature header). */
    public int webhook(String payload, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/instagram"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (secret != null) {
            request.header("X-Hub-Signature-256", "sha256=" + hmac(secret, payload));
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One customer's message as Meta sends it, in an entry of the account. */
    public static String message(String accountId, String igsid, String mid, String text, long timestampMillis) {
        return """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"messaging":[%s]}]}""".formatted(accountId, timestampMillis, item(accountId, igsid, mid, text, timestampMillis, false));
    }

    /** One {@code messaging} item: a customer's message, or ({@code echo}) one the account sent. */
    public static String item(
            String accountId, String igsid, String mid, String text, long timestampMillis, boolean echo) {
        return """
                {"sender":{"id":"%s"},"recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"%s"%s}}""".formatted(
                        echo ? accountId : igsid,
                        echo ? igsid : accountId,
                        timestampMillis,
                        mid,
                        text,
                        echo ? ",\"is_echo\":true" : "");
    }

    /** One customer's message with one attached file, as Meta sends it: its type and its CDN URL. */
    public static String attachment(String accountId, String igsid, String mid, String type, String url, long at) {
        String item = "{\"sender\":{\"id\":\"" + igsid + "\"},\"recipient\":{\"id\":\"" + accountId
                + "\"},\"timestamp\":" + at + ",\"message\":{\"mid\":\"" + mid + "\",\"attachments\":[{\"type\":\""
                + type + "\",\"payload\":{\"url\":\"" + url + "\"}}]}}";
        return "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + accountId + "\",\"time\":" + at + ",\"messaging\":["
                + item + "]}]}";
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
