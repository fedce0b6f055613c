package net.fiko.events;

/** A support agent as the gateway authenticated them: the JWT's user id and display name. */
public record Agent(String userId, String username) {}
