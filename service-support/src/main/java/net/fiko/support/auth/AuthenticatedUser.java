package net.fiko.support.auth;

import java.time.Instant;

/**
 * Who a verified access token speaks for. Nothing downstream of {@link TokenVerifier} sees the raw token.
 *
 * @param tenantId the business the user works for; the user's own id when the token names none
 */
public record AuthenticatedUser(String userId, String tenantId, String username, Instant expiresAt) {}
