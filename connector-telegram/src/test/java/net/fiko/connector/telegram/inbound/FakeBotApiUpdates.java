package net.fiko.connector.telegram.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * Answers like the Bot API for a bot in polling mode: {@code getMe}, {@code deleteWebhook}, and {@code getUpdates}
 * the way Telegram serves it: updates below the offset a call passes are confirmed and gone; a call with nothing to
 * return waits up to its {@code timeout} for an update.
 */
final class FakeBotApiUpdates extends Dispatcher {

    private final List<JsonNode> pending = new CopyOnWriteArrayList<>();
    private final List<Long> offsets = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();

    /** Telegram has a new update for the bot. */
    void add(String update) {
        pending.add(EventJson.mapper().readTree(update));
    }

    /** The offset each {@code getUpdates} call passed, in order; -1 for none. */
    List<Long> offsets() {
        return List.copyOf(offsets);
    }

    /** The methods called, in order. */
    List<String> methods() {
        return List.copyOf(methods);
    }

    /** The updates not confirmed yet. */
    List<Long> unconfirmed() {
        return pending.stream().map(u -> u.path("update_id").asLong()).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        String method = target.substring(target.lastIndexOf('/') + 1);
        methods.add(method);
        return switch (method) {
            case "getMe" -> ok("{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop\",\"username\":\"shop_bot\"}");
            case "getUpdates" ->
                updates(EventJson.mapper().readTree(request.getBody().utf8()));
            default -> ok("true");
        };
    }

    private MockResponse updates(JsonNode call) {
        long offset = call.path("offset").asLong(-1);
        offsets.add(offset);
        pending.removeIf(update -> update.path("update_id").asLong() < offset);
        long deadline = System.nanoTime()
                + Duration.ofSeconds(call.path("timeout").asLong(0)).toNanos();
        while (pending.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        List<String> result = new ArrayList<>();
        pending.forEach(update -> result.add(update.toString()));
        return ok("[" + String.join(",", result) + "]");
    }

    private static MockResponse ok(String result) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":" + result + "}")
                .build();
    }
}
