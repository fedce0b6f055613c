package net.fiko.faults.parts;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import net.fiko.dev.KraftNode;
import org.apache.kafka.common.utils.Time;

/**
 * One KRaft node (broker and controller) from the Kafka jars, in a process of its own: {@link KafkaCluster} starts
 * one or three of these. Arguments: node id, cluster id, broker port, controller port, the controller quorum
 * ({@code 1@localhost:9093,...}), log directory, replicas per topic.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        String clusterId = args[1];
        int port = Integer.parseInt(args[2]);
        int controllerPort = Integer.parseInt(args[3]);
        String voters = args[4];
        Path logDir = Path.of(args[5]);
        int replicas = Integer.parseInt(args[6]);
        KraftNode.formatIfNew(logDir, clusterId, nodeId);
        KafkaConfig config =
                new KafkaConfig(KraftNode.properties(nodeId, port, controllerPort, voters, logDir, replicas), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }));
        server.startup();
        System.out.println("Kafka node " + nodeId + " started in "
                + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        server.awaitShutdown();
    }
}
