package net.fiko.local;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import net.fiko.dev.KraftNode;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) in this JVM, keeping its log in a folder so topics
 * and events survive a restart of the local mode.
 */
final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static LocalKafka start(Path dataDirectory, int port, int controllerPort) throws Exception {
        Path logDir = dataDirectory.resolve("kafka");
        KraftNode.formatIfNew(logDir, Uuid.randomUuid().toString(), 1);
        KafkaConfig config = new KafkaConfig(
                KraftNode.properties(1, port, controllerPort, "1@localhost:" + controllerPort, logDir, 1), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new LocalKafka(server, "localhost:" + port);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
