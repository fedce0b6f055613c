package net.fiko.connector.instagram.inbound;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import net.fiko.connector.instagram.account.Account;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.testsupport.ContractChecks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a {@code messaging} item of Meta's webhook holds, normalizing it either skips it or makes an event that
 * conforms to the contract's schema and holds only text every consumer can store; it never throws. {@code ./mvnw
 * verify} replays the inputs in {@code src/test/resources/.../MessagingNormalizerFuzzTestInputs}; {@code ./fiko-fuzz}
 * fuzzes (README).
 */
class MessagingNormalizerFuzzTest {

    private static final Account ACCOUNT = new Account(
            "acc-1",
            "tenant-1",
            "17841400000000000",
            "shop",
            false,
            "connected",
            Instant.parse("2026-01-01T00:00:00Z"));
    private static final Customer KNOWN = new Customer(null, Platform.INSTAGRAM, "9001", "Sara", null, "sara");

    @FuzzTest(maxDuration = "5m")
    void anyMessagingItemShouldBeSkippedOrBecomeAStorableEventOfTheContract(byte[] webhookItem) {
        JsonNode item;
        try {
            item = EventJson.mapper().readTree(webhookItem);
        } catch (JacksonException notJson) {
            return; // a body that is not JSON is refused before it reaches the normalizer
        }
        if (item == null || !item.isObject()) {
            return;
        }
        var normalized = MessagingNormalizer.normalize(ACCOUNT, item, KNOWN, Instant.EPOCH);
        if (normalized.isEmpty()) {
            return;
        }
        ContractChecks.assertConformingAndStorable(normalized.get().event());
    }
}
