package net.fiko.connector.instagram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.connector.instagram.client.GraphFailure.Kind;
import net.fiko.events.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The Graph API client against a local server that answers the way Meta does. */
class GraphApiClientTest {

    static final String TOKEN = "IGAAsecret-access-token";

    MockWebServer meta;
    GraphApiClient client;

    @BeforeEach
    void start() throws Exception {
        meta = new MockWebServer();
        meta.start();
        client = new GraphApiClient(
                RestClient.builder(), meta.url("/").toString(), "v23.0", Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        meta.close();
    }

    @Test
    void shouldSendTheTextToTheCustomerWithTheTokenInTheHeaderOnly() throws Exception {
        answer(200, "{\"recipient_id\":\"5550001\",\"message_id\":\"aWdfZAG1faXRlbToxOklHTWVzc2FnZA\"}");

        String mid = client.sendText(TOKEN, "17841400000000001", "5550001", "It ships today.", false);

        assertThat(mid).isEqualTo("aWdfZAG1faXRlbToxOklHTWVzc2FnZA");
        RecordedRequest request = meta.takeRequest();
        assertThat(request.getTarget())
                .isEqualTo("/v23.0/17841400000000001/messages")
                .doesNotContain(TOKEN);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = EventJson.mapper().readTree(request.getBody().utf8());
        assertThat(body.path("recipient").path("id").asString()).isEqualTo("5550001");
        assertThat(body.path("message").path("text").asString()).isEqualTo("It ships today.");
        assertThat(body.has("tag")).isFalse();
    }

    @Test
    void shouldReadTheAccountOfATokenAndACustomersProfile() {
        answer(200, "{\"user_id\":\"17841400000000001\",\"username\":\"shop\",\"id\":\"2650000\"}");
        answer(200, "{\"name\":null,\"username\":\"mina.r\",\"id\":\"5550001\"}");

        assertThat(client.me(TOKEN)).isEqualTo(new GraphApiClient.AccountInfo("17841400000000001", "shop"));
        assertThat(client.profile(TOKEN, "5550001")).isEqualTo(new GraphApiClient.Profile(null, "mina.r"));
    }

    @ParameterizedTest
    @CsvSource({
        "400, 10, 2534022, OUTSIDE_WINDOW, The customer's last message is older than 24 hours",
        "400, 4, 0, THROTTLED, Instagram asked to slow down",
        "400, 17, 0, THROTTLED, Instagram asked to slow down",
        "400, 32, 0, THROTTLED, Instagram asked to slow down",
        "400, 613, 0, THROTTLED, Instagram asked to slow down",
        "500, 2, 0, TEMPORARY, Instagram is not answering",
        "400, 1200, 0, TEMPORARY, Instagram is not answering",
        "400, 190, 463, TOKEN_EXPIRED, 'The Instagram account must be reconnected: its access token expired'",
        "400, 551, 1545041, UNAVAILABLE, This person isn't available right now",
        "400, 100, 2018001, NO_USER, The customer was not found on Instagram",
        "403, 10, 200, NO_PERMISSION, The app lacks permission to send Instagram messages",
        "400, 100, 2018108, REJECTED, 'Instagram refused the message: Meta says no'"
    })
    void shouldClassifyMetasErrors(int status, int code, int subcode, Kind kind, String reason) {
        answer(
                status,
                "{\"error\":{\"message\":\"Meta says no\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_subcode\":" + subcode + ",\"fbtrace_id\":\"Ab\"}}");

        assertThatThrownBy(() -> client.sendText(TOKEN, "1", "2", "hi", false))
                .isInstanceOfSatisfying(GraphApiException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(kind);
                    assertThat(e.failure().reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void shouldTreatAnUnreachableApiOrAnHtmlErrorAsTemporary() {
        meta.enqueue(new MockResponse.Builder()
                .code(502)
                .body("<html>Bad Gateway</html>")
                .build());
        assertThatThrownBy(() -> client.typingOn(TOKEN, "1", "2"))
                .isInstanceOfSatisfying(
                        GraphApiException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.TEMPORARY));

        meta.close();
        assertThatThrownBy(() -> client.sendText(TOKEN, "1", "2", "hi", false))
                .isInstanceOfSatisfying(GraphApiException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.TEMPORARY);
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    private void answer(int status, String body) {
        meta.enqueue(new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }
}
