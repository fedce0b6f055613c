package net.fiko.testsupport;

/** A real Kafka broker for tests. */
public record KafkaServer(ServerKind kind, String bootstrapServers) {

    @Override
    public String toString() {
        return "Kafka (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ") at " + bootstrapServers;
    }
}
