package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import net.fiko.connector.kit.media.MediaProperties;
import net.fiko.connector.kit.media.S3Clients;
import net.fiko.events.ConversationIds;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.testsupport.InstagramConnectorClient;
import net.fiko.testsupport.S3Server;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestSocket;
import net.fiko.testsupport.fakes.AttachmentFetches;
import net.fiko.testsupport.fakes.FakeGraphApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Instagram end to end: Meta's signed webhook through connector-instagram, message-service and the gateway to the
 * agent's sockets; the agent's reply out through the Send API (a local server answering like it) and its outcome
 * back, including a reply Meta's 24-hour window no longer allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstagramEndToEndTest {

    final FakeGraphApi graph = new FakeGraphApi();
    final MockWebServer meta = new MockWebServer();
    RunningStack stack;
    InstagramConnectorClient connector;

    /** This connector keeps media in an S3-compatible store (the Telegram tests keep theirs on the filesystem). */
    S3Server s3;

    S3Client bucket;

    @BeforeAll
    void start() throws Exception {
        meta.setDispatcher(graph);
        meta.start();
        s3 = S3Server.start(Path.of("target/s3proxy/s3proxy.jar"), Files.createTempDirectory("s3proxy-"));
        bucket = S3Clients.of(new MediaProperties.S3(
                s3.endpoint(), null, null, null, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true));
        bucket.createBucket(create -> create.bucket("fiko-media"));
        stack = new RunningStack(
                ServerKind.EMBEDDED,
                1,
                Map.of(
                        "fiko.media.store",
                        "s3",
                        "fiko.media.s3.endpoint",
                        s3.endpoint(),
                        "fiko.media.s3.access-key",
                        S3Server.ACCESS_KEY,
                        "fiko.media.s3.secret-key",
                        S3Server.SECRET_KEY));
        connector = new InstagramConnectorClient(
                stack.startInstagramConnector(meta.url("/").toString()));
    }

    @AfterAll
    void stop() {
        stack.close();
        meta.close();
        bucket.close();
        s3.close();
    }

    @Test
    void aCustomerWritesOnInstagramAndAnAgentAnswersInsideTheWindowButNotAfterIt() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String account = "17841400000000001";
        String accessToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        graph.account(accessToken, account);
        String channel = connector.register(tenant, account, accessToken, false);

        String recent = "5550001";
        String conversation = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, recent);
        Instant wrote = Instant.now().minusSeconds(60);
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(connector.webhook(
                            InstagramConnectorClient.message(
                                    account, recent, "mid.e2e.1", "Is this in stock?", wrote.toEpochMilli()),
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);

            JsonNode delta = list.next("new_customer_message");
            assertThat(delta.path("conversation_id").asString()).isEqualTo(conversation);
            assertThat(delta.path("message").path("content").asString()).isEqualTo("Is this in stock?");
            assertThat(Instant.parse(delta.path("conversation")
                            .path("reply_allowed_until")
                            .asString()))
                    .isEqualTo(Instant.ofEpochMilli(wrote.toEpochMilli()).plus(Duration.ofHours(24)));
            JsonNode renamed = list.next("conversation_updated");
            assertThat(renamed.path("conversation").path("title").asString()).isEqualTo("instagram - Mina Rahimi");
        }

        try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
            chat.next("recent_messages");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Yes, two left.\"}");
            JsonNode delivered = chat.next("chat_message");
            assertThat(delivered.path("external_send_result").path("success").asBoolean())
                    .isTrue();
            assertThat(delivered.path("external_send_result").path("platform").asString())
                    .isEqualTo("instagram");
            assertThat(graph.sent()).anySatisfy(call -> {
                assertThat(call.path("recipient").path("id").asString()).isEqualTo(recent);
                assertThat(call.path("message").path("text").asString()).isEqualTo("Yes, two left.");
            });

            // The shop answers from the Instagram app: the agent sees it too.
            long now = Instant.now().toEpochMilli();
            assertThat(connector.webhook(
                            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":" + now
                                    + ",\"messaging\":["
                                    + InstagramConnectorClient.item(
                                            account, recent, "mid.app.1", "Sent from my phone", now, true)
                                    + "]}]}",
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
            JsonNode fromApp = chat.next("chat_message");
            assertThat(fromApp.path("message").path("content").asString()).isEqualTo("Sent from my phone");
            assertThat(fromApp.path("message").path("type").asString()).isEqualTo("support");
        }

        String stale = "5550002";
        String staleConversation = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, stale);
        assertThat(connector.webhook(
                        InstagramConnectorClient.message(
                                account,
                                stale,
                                "mid.e2e.2",
                                "Hello?",
                                Instant.now().minus(Duration.ofHours(25)).toEpochMilli()),
                        InstagramConnectorClient.APP_SECRET))
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !stack.storedMessages(staleConversation).isEmpty());
        try (TestSocket chat = stack.chat(0, agent, staleConversation, null)) {
            chat.next("recent_messages");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Sorry, we were closed.\"}");
            JsonNode result = chat.nextDeliveryResult();
            assertThat(result.path("success").asBoolean()).isFalse();
            assertThat(result.path("platform").asString()).isEqualTo("instagram");
            assertThat(result.path("error").asString()).isEqualTo("The customer's last message is older than 24 hours");
        }
        assertThat(graph.sent())
                .noneSatisfy(call ->
                        assertThat(call.path("recipient").path("id").asString()).isEqualTo(stale));
    }

    @Test
    void webhookAttacksShouldNotHoldBackTheNextCustomerMessageAlsoAfterEveryServiceRestarts() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String account = "17841400000000002";
        String accessToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        graph.account(accessToken, account);
        connector.register(tenant, account, accessToken, false);
        long now = Instant.now().toEpochMilli();

        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            String forged = InstagramConnectorClient.message(account, "5550009", "mid.forged.1", "Hi", now);
            assertThat(connector.webhook(forged, "a-strangers-app-secret")).isEqualTo(401);
            assertThat(connector.webhook(forged, null)).isEqualTo(401);
            assertThat(connector.webhook(
                            InstagramConnectorClient.message(
                                    account, "5550009", "mid.nul.1", "nul \\u0000 inside", now),
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
            assertThat(list.next("new_customer_message")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("nul \uFFFD inside");

            assertShownWithin(connector, list, account, "mid.after.1", "after the attacks");
        }

        stack.restartAll();

        connector = new InstagramConnectorClient(stack.instagramConnector());
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertShownWithin(connector, list, account, "mid.after.2", "after every service restarted");
        }
    }

    @Test
    void aCustomersPhotoAndVoiceNoteShouldOpenForTheTenantsAgentsOnlyAndAnExpiredFileSayItIsGone() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String account = "1784140" + (System.nanoTime() % 100_000_000L);
        String accessToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        graph.account(accessToken, account);
        String channel = connector.register(tenant, account, accessToken, false);
        byte[] photo = new byte[2048];
        new java.util.Random(7).nextBytes(photo);
        String name = "photo-" + UUID.randomUUID() + ".jpg";
        graph.cdnFile(name, photo);
        long now = Instant.now().toEpochMilli();

        String kept;
        String expired;
        String voice;
        String voiceName = "voice-" + UUID.randomUUID() + ".mp4";
        byte[] voiceNote = new byte[4096];
        new java.util.Random(11).nextBytes(voiceNote);
        graph.cdnFile(voiceName, voiceNote, "audio/mp4");
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(connector.webhook(
                            InstagramConnectorClient.attachment(
                                    account,
                                    "5550099",
                                    "mid.media.1",
                                    "image",
                                    meta.url("/cdn/" + name) + "?oh=sig",
                                    now),
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
            kept = mediaPath(list.next("new_customer_message"));
            assertThat(connector.webhook(
                            InstagramConnectorClient.attachment(
                                    account, "5550099", "mid.media.2", "image", meta.url("/cdn/gone.jpg") + "", now),
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
            expired = mediaPath(list.next("new_customer_message"));
            assertThat(connector.webhook(
                            InstagramConnectorClient.attachment(
                                    account,
                                    "5550099",
                                    "mid.media.3",
                                    "audio",
                                    meta.url("/cdn/" + voiceName) + "?oh=sig",
                                    now),
                            InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
            voice = mediaPath(list.next("new_customer_message"));
        }
        assertThat(kept).startsWith("/api/media/instagram/" + channel + "/");

        HttpResponse<byte[]> first = media(kept + "?token=" + agent, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(first.body()).isEqualTo(photo);
        assertThat(media(kept, agent).body()).as("from the store").isEqualTo(photo);
        assertThat(graph.cdnFetches(name)).as("fetches from Meta's CDN").isEqualTo(1);

        String stranger = RunningStack.token("tenant-" + UUID.randomUUID(), "7", "Eve");
        assertThat(media(kept, stranger).statusCode())
                .as("another tenant's agent")
                .isEqualTo(404);
        assertThat(media(expired, agent).statusCode())
                .as("a CDN URL past its signature")
                .isEqualTo(410);

        HttpResponse<byte[]> played = media(voice + "?token=" + agent, null, "bytes=4000-");
        assertThat(played.statusCode())
                .as("a voice note's last bytes, as a player asks")
                .isEqualTo(206);
        assertThat(played.headers().firstValue("Content-Type")).hasValue("audio/mp4");
        assertThat(played.body()).isEqualTo(java.util.Arrays.copyOfRange(voiceNote, 4000, 4096));
    }

    @Test
    void anAgentsPhotoAndPdfShouldReachTheCustomerAsFilesMetaFetchesAndAWebpBeRefusedWithInstagramsReason()
            throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String account = "1784141" + (System.nanoTime() % 100_000_000L);
        String accessToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        graph.account(accessToken, account);
        String channel = connector.register(tenant, account, accessToken, false);
        String customer = "5550777";
        String conversation = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, customer);
        assertThat(connector.webhook(
                        InstagramConnectorClient.message(
                                account,
                                customer,
                                "mid.files.1",
                                "The invoice please",
                                Instant.now().toEpochMilli()),
                        InstagramConnectorClient.APP_SECRET))
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !stack.storedMessages(conversation).isEmpty());
        byte[] jpeg = file(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});
        byte[] pdf = file("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] webp = file("RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        JsonNode photo = upload(agent, "image/jpeg", "box.jpg", jpeg);
        JsonNode invoice = upload(agent, "application/pdf", "invoice.pdf", pdf);
        JsonNode sticker = upload(agent, "image/webp", "sticker.webp", webp);
        int sends = graph.sent().size();

        try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
            chat.next("recent_messages");
            chat.send("{\"type\":\"chat_message\",\"content\":\"Here you go\",\"attachments\":[" + photo + "," + invoice
                    + "]}");
            JsonNode delivered = chat.next("chat_message");
            assertThat(delivered.path("external_send_result").path("success").asBoolean())
                    .as(delivered.toString())
                    .isTrue();
            List<JsonNode> calls = graph.sent().subList(sends, graph.sent().size());
            assertThat(calls).hasSize(3);
            assertThat(calls.get(0).path("message").path("text").asString())
                    .as("Instagram shows no captions: the text goes first")
                    .isEqualTo("Here you go");
            assertThat(calls.get(1)
                            .path("message")
                            .path("attachment")
                            .path("type")
                            .asString())
                    .isEqualTo("image");
            assertThat(calls.get(2)
                            .path("message")
                            .path("attachment")
                            .path("type")
                            .asString())
                    .isEqualTo("file");
            assertThat(calls)
                    .allSatisfy(
                            call -> assertThat(call.path("recipient").path("id").asString())
                                    .isEqualTo(customer));
            List<AttachmentFetches.Fetched> fetched = graph.fetched().stream()
                    .filter(file -> calls.stream()
                            .anyMatch(call -> call.path("message")
                                    .path("attachment")
                                    .path("payload")
                                    .path("url")
                                    .asString()
                                    .equals(file.url())))
                    .toList();
            assertThat(fetched).hasSize(2);
            assertThat(fetched.get(0).contentType()).isEqualTo("image/jpeg");
            assertThat(fetched.get(0).bytes()).isEqualTo(jpeg);
            assertThat(fetched.get(1).contentType()).isEqualTo("application/pdf");
            assertThat(fetched.get(1).bytes()).isEqualTo(pdf);
            String link = fetched.get(1).url();
            assertThat(link).doesNotContain(agent).contains("signature=");
            HttpResponse<byte[]> forged = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(link.replace(
                                            invoice.path("id").asString(),
                                            photo.path("id").asString())))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(forged.statusCode())
                    .as("a link altered to name another file")
                    .isEqualTo(404);

            assertThat(bucket.listObjectsV2(list -> list.bucket("fiko-media")).contents())
                    .as("the uploads, kept in the S3 store")
                    .anySatisfy(object -> assertThat(object.key())
                            .endsWith("/" + invoice.path("id").asString()));
            String url = delivered
                    .path("message")
                    .path("attachments")
                    .get(0)
                    .path("url")
                    .asString();
            HttpResponse<byte[]> opened = media(url.substring(url.indexOf("/api/media/")), agent);
            assertThat(opened.statusCode()).isEqualTo(200);
            assertThat(opened.body()).isEqualTo(jpeg);

            chat.send("{\"type\":\"chat_message\",\"attachments\":[" + sticker + "]}");
            JsonNode result = chat.nextDeliveryResult();
            assertThat(result.path("success").asBoolean()).isFalse();
            assertThat(result.path("error").asString()).isEqualTo("Instagram takes photos as JPEG, PNG or GIF");
            assertThat(graph.sent()).hasSize(sends + 3);
        }
    }

    /** A file of a few KB that starts with {@code head} and differs from one offset to the next. */
    private static byte[] file(byte[] head) {
        byte[] bytes = new byte[3000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** The agent's file taken in by the connector: its answer, as a client passes it on in chat_message. */
    private JsonNode upload(String agent, String type, String name, byte[] bytes) throws Exception {
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                                        + stack.instagramConnector() + "/api/media/instagram/uploads?name=" + name))
                                .header("Authorization", "Bearer " + agent)
                                .header("Content-Type", type)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return EventJson.mapper().readTree(answer.body());
    }

    /** The path of the media URL of a new message's first attachment. */
    private static String mediaPath(JsonNode newMessage) {
        String url = newMessage
                .path("message")
                .path("attachments")
                .get(0)
                .path("url")
                .asString();
        return url.substring(url.indexOf("/api/media/"));
    }

    private HttpResponse<byte[]> media(String pathAndQuery, String bearer) throws Exception {
        return media(pathAndQuery, bearer, null);
    }

    private HttpResponse<byte[]> media(String pathAndQuery, String bearer, String range) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + stack.instagramConnector() + pathAndQuery));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return java.net.http.HttpClient.newHttpClient()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertShownWithin(
            InstagramConnectorClient client, TestSocket list, String account, String mid, String text)
            throws Exception {
        long start = System.nanoTime();
        assertThat(client.webhook(
                        InstagramConnectorClient.message(
                                account, "5550009", mid, text, Instant.now().toEpochMilli()),
                        InstagramConnectorClient.APP_SECRET))
                .isEqualTo(200);
        list.next(frame -> frame.path("type").asString().equals("new_customer_message")
                && frame.path("message").path("content").asString().equals(text));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("\"%s\" shown to the agent", text)
                .isLessThan(Duration.ofSeconds(2));
    }
}
