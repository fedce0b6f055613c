package net.fiko.connector.telegram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.connector.telegram.client.BotApiFailure.Kind;
import net.fiko.events.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The Bot API client against a local server that answers the way the Bot API does. */
class BotApiClientTest {

    static final String TOKEN = "123456:AAF-secret-bot-token";

    MockWebServer telegram;
    BotApiClient client;

    @BeforeEach
    void start() throws Exception {
        telegram = new MockWebServer();
        telegram.start();
        client = new BotApiClient(
                RestClient.builder(), telegram.url("/").toString(), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void shouldSendPlainTextToA64BitChatAndReturnTheMessageId() throws Exception {
        answer(200, "{\"ok\":true,\"result\":{\"message_id\":5522,\"chat\":{\"id\":9007199254740993}}}");

        long id = client.sendMessage(TOKEN, 9_007_199_254_740_993L, "It *ships* today.");

        assertThat(id).isEqualTo(5522);
        RecordedRequest request = telegram.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode body = EventJson.mapper().readTree(request.getBody().utf8());
        assertThat(body.path("chat_id").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(body.path("text").asString()).isEqualTo("It *ships* today.");
        assertThat(body.has("parse_mode")).isFalse();
    }

    @Test
    void shouldReadTheBotOfAToken() {
        answer(
                200,
                "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop\",\"username\":\"shop_bot\"}}");

        assertThat(client.getMe(TOKEN)).isEqualTo(new BotApiClient.BotUser(42, "shop_bot", "Shop"));
    }

    @Test
    void shouldWaitExactlyAsLongAsTelegramSaysWhenRateLimited() {
        answer(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        BotApiFailure failure = failure(() -> client.sendMessage(TOKEN, 1, "hi"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void shouldSayWhyAMessageCanNeverBeDelivered() {
        answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        answer(
                403,
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot can't initiate conversation with a user\"}");
        answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");

        assertThat(failure(() -> client.sendMessage(TOKEN, 1, "hi")))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.BLOCKED))
                .satisfies(f -> assertThat(f.reason()).isEqualTo("The customer blocked the bot"));
        assertThat(failure(() -> client.sendMessage(TOKEN, 1, "hi")).kind()).isEqualTo(Kind.CHAT_NOT_FOUND);
        assertThat(failure(() -> client.sendMessage(TOKEN, 1, "hi")).kind()).isEqualTo(Kind.CANNOT_RECEIVE);
        BotApiFailure revoked = failure(() -> client.sendMessage(TOKEN, 1, "hi"));
        assertThat(revoked.kind()).isEqualTo(Kind.TOKEN_REVOKED);
        assertThat(revoked.retryable()).isFalse();
    }

    @Test
    void shouldTreatServerErrorsAndAnUnreachableApiAsTemporaryWithoutNamingTheToken() {
        answer(502, "<html>Bad Gateway</html>");
        BotApiFailure badGateway = failure(() -> client.sendMessage(TOKEN, 1, "hi"));
        assertThat(badGateway.kind()).isEqualTo(Kind.TEMPORARY);

        telegram.close();
        assertThatThrownBy(() -> client.sendMessage(TOKEN, 1, "hi"))
                .isInstanceOfSatisfying(BotApiException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.TEMPORARY);
                    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("AAF");
                    assertThat(e.getCause()).isNull();
                });
    }

    private void answer(int status, String body) {
        telegram.enqueue(new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    private static BotApiFailure failure(Runnable call) {
        try {
            call.run();
        } catch (BotApiException e) {
            return e.failure();
        }
        throw new AssertionError("The call did not fail");
    }
}
