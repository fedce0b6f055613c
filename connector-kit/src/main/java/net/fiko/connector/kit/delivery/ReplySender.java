package net.fiko.connector.kit.delivery;

import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.media.OutboundFile;
import net.fiko.connector.kit.platform.PlatformException;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;

/**
 * A platform's part in delivering agents' replies; the kit's {@link OutboundDelivery} does the rest (the topic, the
 * send ledger, pacing, retries, results and dead letters). Every method runs on a delivery worker, never on a listener
 * thread, and one chat's replies are never sent concurrently.
 *
 * @param <T> what a reply needs to be sent: a token and a chat id, an account and a recipient
 */
public interface ReplySender<T> {

    Platform platform();

    /** The topic this platform's commands come on. */
    Topic<OutboundCommand> topic();

    /** The platform's published send limits. */
    Pacing.Limits limits();

    /** Resolves what the reply needs, or refuses it without calling the platform. */
    Target<T> target(ReplyRequested reply);

    /** The text as the platform takes it: several messages, in order, when it is over the platform's length. */
    List<String> parts(String text);

    /**
     * Characters of a reply's text the platform shows as a file's caption; 0 where it shows none. A text that does not
     * fit goes as messages of its own, before the files.
     */
    default int maxCaption() {
        return 0;
    }

    /** Why the platform would not take this file (its kind, its size), said without calling it; empty when it would. */
    default Optional<Refusal> refuses(OutboundFile file) {
        return Optional.empty();
    }

    /** A file the platform would not take: the agent sees {@code reason}. */
    record Refusal(String reason, String code) {}

    /**
     * Sends one part (a text, or a file with its caption) and returns the platform's id of the message it created.
     *
     * @throws PlatformException when the platform refused it or could not be reached
     */
    String send(T target, Part part);

    /**
     * Called once when a reply fails for good with this failure: the platform may act on it (a revoked token marks
     * the channel disconnected) and say it in its own words. Returns the failure the agent sees.
     */
    default PlatformFailure failed(T target, PlatformFailure failure) {
        return failure;
    }

    /**
     * The tenant erased the conversation's customer: forget what the connector keeps of them for it. Runs on the
     * listener thread; a failure is retried with the record.
     */
    void forget(CustomerDataErasureRequested erasure);
}
