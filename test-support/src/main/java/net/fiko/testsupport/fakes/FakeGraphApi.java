package net.fiko.testsupport.fakes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * Answers like the Instagram Graph API (Instagram Login) for the tests: {@code /me} for a token, a customer's profile,
 * and the Send API, whose answer a text's first word chooses: {@code window} (outside the 24-hour window),
 * {@code throttled} (once, then sent), {@code expired} (token expired), {@code unavailable}, {@code nouser}, anything
 * else is sent. A message with an attachment is sent once its {@code payload.url} has been fetched, as Meta fetches it
 * (an answer other than 200 is Meta's "Upload attachment failure"). Errors have Meta's shape.
 */
public final class FakeGraphApi extends Dispatcher {

    public static final String VERSION = "v23.0";
    public static final String EXPIRED_TOKEN = "IGAA-expired";

    private final Map<String, String> accountsByToken = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttled = new ConcurrentHashMap<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<JsonNode> actions = new CopyOnWriteArrayList<>();
    private final List<String> profileLookups = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, byte[]> cdn = new ConcurrentHashMap<>();
    private final Map<String, Integer> cdnFetches = new ConcurrentHashMap<>();
    private final Map<String, String> cdnTypes = new ConcurrentHashMap<>();
    private final AttachmentFetches fetches = new AttachmentFetches();

    /**
     * A file Meta's CDN serves at {@code /cdn/<name>} of this server (as {@code image/jpeg}), whatever signature its
     * query carries; any other {@code /cdn/} path answers 403, as the CDN does once a URL's signature has expired.
     */
    public void cdnFile(String name, byte[] bytes) {
        cdnFile(name, bytes, "image/jpeg");
    }

    /** A file the CDN serves as {@code contentType}: a voice note is {@code audio/mp4}, as Meta sends them. */
    public void cdnFile(String name, byte[] bytes, String contentType) {
        cdn.put("/cdn/" + name, bytes);
        cdnTypes.put("/cdn/" + name, contentType);
    }

    /** How often the CDN served {@code /cdn/<name>}. */
    public int cdnFetches(String name) {
        return cdnFetches.getOrDefault("/cdn/" + name, 0);
    }

    /** The token is the account's. */
    public void account(String token, String accountId) {
        accountsByToken.put(token, accountId);
    }

    /** Every Send API body that sent a message, in order. */
    public List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    /** Every attachment's file fetched to be sent, in order. */
    public List<AttachmentFetches.Fetched> fetched() {
        return fetches.all();
    }

    /** Every sender action (typing) asked for. */
    public List<JsonNode> actions() {
        return List.copyOf(actions);
    }

    /** The IGSIDs whose profiles were asked for. */
    public List<String> profileLookups() {
        return List.copyOf(profileLookups);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        if (target.startsWith("/cdn/")) {
            String file = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            byte[] bytes = cdn.get(file);
            if (bytes == null) {
                return new MockResponse.Builder()
                        .code(403)
                        .body("URL signature expired")
                        .build();
            }
            cdnFetches.merge(file, 1, Integer::sum);
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", cdnTypes.get(file))
                    .body(new okio.Buffer().write(bytes))
                    .build();
        }
        String token = String.valueOf(request.getHeaders().get("Authorization")).replace("Bearer ", "");
        if (!target.startsWith("/" + VERSION + "/")) {
            return error(400, 100, 0, "Unknown path");
        }
        String path = target.substring(VERSION.length() + 2);
        if (EXPIRED_TOKEN.equals(token)) {
            return error(400, 190, 463, "Error validating access token: Session has expired");
        }
        if (path.startsWith("me?")) {
            String account = accountsByToken.get(token);
            return account == null
                    ? error(400, 190, 0, "Invalid OAuth access token - Cannot parse access token")
                    : json(
                            200,
                            "{\"user_id\":\"" + account + "\",\"username\":\"shop\",\"id\":\"app-" + account + "\"}");
        }
        if (path.contains("?fields=name,username")) {
            String igsid = path.substring(0, path.indexOf('?'));
            profileLookups.add(igsid);
            return json(200, "{\"name\":\"Mina Rahimi\",\"username\":\"mina.r\",\"id\":\"" + igsid + "\"}");
        }
        if (path.endsWith("/messages")) {
            JsonNode body = EventJson.mapper().readTree(request.getBody().utf8());
            if (body.has("sender_action")) {
                actions.add(body);
                return json(
                        200,
                        "{\"recipient_id\":\""
                                + body.path("recipient").path("id").asString() + "\"}");
            }
            JsonNode attachment = body.path("message").path("attachment");
            if (!attachment.isMissingNode() && !fetches.fetch(attachment)) {
                return error(400, 100, 2018047, "(#100) Upload attachment failure.");
            }
            String text = body.path("message").path("text").asString();
            if (text.startsWith("window")) {
                return error(400, 10, 2534022, "This message is sent outside of allowed window.");
            }
            if (text.startsWith("throttled") && throttled.merge(text, 1, Integer::sum) == 1) {
                return error(400, 4, 0, "Application request limit reached");
            }
            if (text.startsWith("expired")) {
                return error(400, 190, 463, "Error validating access token: Session has expired");
            }
            if (text.startsWith("unavailable")) {
                return error(400, 551, 1545041, "This person isn't available right now.");
            }
            if (text.startsWith("nouser")) {
                return error(400, 100, 2018001, "No matching user found");
            }
            sent.add(body);
            return json(
                    200,
                    "{\"recipient_id\":\"" + body.path("recipient").path("id").asString()
                            + "\",\"message_id\":\"mid.out." + ids.incrementAndGet() + "\"}");
        }
        return error(400, 100, 0, "Unsupported request");
    }

    private static MockResponse error(int status, int code, int subcode, String message) {
        return json(
                status,
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + (subcode > 0 ? ",\"error_subcode\":" + subcode : "")
                        + ",\"fbtrace_id\":\"AbCdEf\"}}");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
