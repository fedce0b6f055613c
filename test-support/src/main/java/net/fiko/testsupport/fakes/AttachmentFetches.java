package net.fiko.testsupport.fakes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** What {@link FakeGraphApi} fetched from the URLs of the attachments it was asked to send, as Meta fetches them. */
public final class AttachmentFetches {

    /** A file fetched from an attachment's URL: the attachment's type, the URL, and what it served. */
    public record Fetched(String type, String url, String contentType, byte[] bytes) {}

    private final List<Fetched> fetched = new CopyOnWriteArrayList<>();

    /** Every file fetched, in order. */
    public List<Fetched> all() {
        return List.copyOf(fetched);
    }

    /** Fetches an attachment's URL as Meta does before it sends the message; whether it was served. */
    boolean fetch(JsonNode attachment) {
        String url = attachment.path("payload").path("url").asString();
        try {
            HttpResponse<byte[]> file = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (file.statusCode() != 200) {
                return false;
            }
            fetched.add(new Fetched(
                    attachment.path("type").asString(),
                    url,
                    file.headers().firstValue("Content-Type").orElse(null),
                    file.body()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
