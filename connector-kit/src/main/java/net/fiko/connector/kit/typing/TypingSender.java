package net.fiko.connector.kit.typing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.kit.platform.PlatformException;
import net.fiko.events.ephemeral.TypingChanged;

/**
 * A platform's part in showing an agent's typing to the customer; the kit's {@link TypingRelay} reads the gateways'
 * typing events, skips the expired ones and throttles the rest.
 *
 * @param <T> where typing shows: a bot and a chat, an account and a recipient
 */
public interface TypingSender<T> {

    /** How often at most typing is shown per conversation: a little under how long the platform shows it. */
    Duration every();

    /** Where the conversation's typing shows, or empty when it cannot: no known customer, no channel, no window. */
    Optional<T> target(TypingChanged typing, Instant now);

    /**
     * Shows typing there.
     *
     * @throws PlatformException when the platform refused: typing is best effort, so it is only logged
     */
    void show(T target);
}
