package net.fiko.connector.instagram.account;

import java.time.Instant;

/**
 * A tenant's Instagram professional account, without its secrets (which never leave {@link Accounts}).
 * {@code humanAgentTag}: agents' replies are tagged {@code HUMAN_AGENT}, allowed up to 7 days after the customer's last
 * message instead of 24 hours (it needs Meta's approval for the app).
 */
public record Account(
        String id,
        String tenantId,
        String accountId,
        String username,
        boolean humanAgentTag,
        String status,
        Instant createdAt) {}
