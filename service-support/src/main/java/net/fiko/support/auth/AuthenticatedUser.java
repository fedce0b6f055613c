package net.fiko.support.auth;

import java.time.Instant;
import net.fiko.events.Agent;

/**
 * Who a verified access token speaks for. Nothing downstream of {@link TokenVerifier} sees the raw token.
 *
 * @param tenantId the business the user works for; the user's own id when the token names none
 * @param userIdIsNumber the token's {@code user_id} claim was a JSON number (the id is kept as its text either way)
 */
public record AuthenticatedUser(
        String userId, String tenantId, String username, Instant expiresAt, boolean userIdIsNumber) {

    public AuthenticatedUser(String userId, String tenantId, String username, Instant expiresAt) {
        this(userId, tenantId, username, expiresAt, false);
    }

    /** The user as events name them. */
    public Agent agent() {
        return new Agent(userId, username, userIdIsNumber);
    }
}
