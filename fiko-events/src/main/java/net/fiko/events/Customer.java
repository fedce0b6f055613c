package net.fiko.events;

/**
 * A customer of a tenant as a platform describes them. {@code id} is Fiko's own id and is {@code null} until
 * message-service has stored the customer (inbound events from connectors carry none).
 */
public record Customer(
        Long id, Platform source, String externalId, String firstName, String lastName, String username) {}
