package net.fiko.connector.kit.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a connector delivers agents' replies ({@code fiko.delivery.*}).
 *
 * @param retryFor how long a reply is retried while the platform answers 5xx or 429 or cannot be reached, counted
 *     from its first attempt: an outage of the platform shorter than this loses no reply. Under message-service's
 *     delivery deadline (2 min), so the agent sees the platform's own reason rather than a timeout.
 * @param workers threads making platform calls: chats go side by side up to this many at a time
 * @param maxInFlight replies taken from the topic and not finished yet, above which the connector stops reading it
 *     until half are done: bounds memory when the platform is slow or away
 * @param handOverWait how long a connector giving up partitions (a rebalance, a shutdown) waits for the platform calls
 *     under way, so their new owner finds them in the ledger rather than sending them again
 * @param ledgerRetention how long the send ledger keeps what was sent: longer than the outbound topics keep commands
 *     (7 days), so no replay sends a reply twice
 * @param inDoubt what becomes of a reply whose platform call was under way when its connector died: nobody can tell
 *     whether the platform took it (neither the Bot API nor the Graph API has an idempotency key)
 */
@Validated
@ConfigurationProperties("fiko.delivery")
public record DeliveryProperties(
        Duration retryFor,
        @Min(1) @Max(256) Integer workers,
        @Min(1) Integer maxInFlight,
        Duration handOverWait,
        Duration ledgerRetention,
        InDoubt inDoubt) {

    static final Duration MAX_HAND_OVER_WAIT = Duration.ofMinutes(1);

    public DeliveryProperties {
        retryFor = retryFor == null ? Duration.ofSeconds(90) : retryFor;
        workers = workers == null ? 8 : workers;
        maxInFlight = maxInFlight == null ? 2000 : maxInFlight;
        handOverWait = handOverWait == null ? Duration.ofSeconds(15) : handOverWait;
        ledgerRetention = ledgerRetention == null ? Duration.ofDays(14) : ledgerRetention;
        inDoubt = inDoubt == null ? InDoubt.FAIL : inDoubt;
        // The hand-over waits on the consumer's thread, inside the rebalance: far under max.poll.interval.ms (5 min).
        if (handOverWait.compareTo(MAX_HAND_OVER_WAIT) > 0) {
            throw new IllegalArgumentException("fiko.delivery.hand-over-wait must be at most " + MAX_HAND_OVER_WAIT);
        }
    }

    /** What becomes of a reply in doubt. */
    public enum InDoubt {
        /**
         * It fails with the code {@code in_doubt} and a reason saying it may have reached the customer, and is not sent
         * again: the agent decides. Nothing is repeated to the customer behind the agent's back.
         */
        FAIL,
        /** Its part is sent again: nothing is left unsent, and the customer may get that part twice. */
        RESEND;

        /** What the agent reads of a reply failed in doubt. */
        public static final String REASON = "Fiko stopped while sending this message and cannot tell whether it"
                + " reached the customer, so it was not sent again";
    }
}
