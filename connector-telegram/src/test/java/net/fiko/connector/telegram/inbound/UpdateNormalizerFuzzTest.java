package net.fiko.connector.telegram.inbound;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.events.EventJson;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.testsupport.ContractChecks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Whatever JSON a Telegram webhook carries, normalizing it either skips it or makes an event that conforms to the
 * contract's schema and holds only text every consumer can store; it never throws. {@code ./mvnw verify} replays the
 * inputs in {@code src/test/resources/.../UpdateNormalizerFuzzTestInputs}; {@code ./fiko-fuzz} fuzzes (README).
 */
class UpdateNormalizerFuzzTest {

    private static final Channel CHANNEL =
            new Channel("ch-1", "tenant-1", 42, "shop_bot", "connected", Instant.parse("2026-01-01T00:00:00Z"));

    @FuzzTest(maxDuration = "5m")
    void anyUpdateShouldBeSkippedOrBecomeAStorableEventOfTheContract(byte[] webhook) {
        JsonNode update;
        try {
            update = EventJson.mapper().readTree(webhook);
        } catch (JacksonException notJson) {
            return; // answered 400 by the controller before it reaches the normalizer
        }
        if (update == null || !update.isObject()) {
            return;
        }
        Optional<InboundMessage> event = UpdateNormalizer.normalize(CHANNEL, update, Instant.EPOCH);
        if (event.isEmpty()) {
            return;
        }
        ContractChecks.assertConformingAndStorable(event.get());
    }
}
