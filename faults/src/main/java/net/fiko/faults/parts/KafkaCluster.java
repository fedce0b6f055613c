package net.fiko.faults.parts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * One KRaft node, or three with every topic replicated three times and {@code min.insync.replicas=2}, each in a JVM
 * of its own ({@link BrokerMain}), its log on disk so a killed node comes back with what it had.
 */
public final class KafkaCluster implements AutoCloseable {

    private final Path directory;
    private final int basePort;
    private final int size;
    private final String clusterId = Uuid.randomUuid().toString();
    private final JvmProcess[] nodes;

    private KafkaCluster(Path directory, int basePort, int size) {
        this.directory = directory;
        this.basePort = basePort;
        this.size = size;
        this.nodes = new JvmProcess[size];
    }

    public static KafkaCluster start(Path directory, int basePort, int size) throws Exception {
        KafkaCluster cluster = new KafkaCluster(directory, basePort, size);
        for (int node = 1; node <= size; node++) {
            cluster.launch(node);
        }
        for (int node = 1; node <= size; node++) {
            cluster.awaitBroker(node, Duration.ofMinutes(2));
        }
        return cluster;
    }

    public int size() {
        return size;
    }

    public int replicas() {
        return size;
    }

    public String bootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int node = 1; node <= size; node++) {
            servers.add("localhost:" + port(node));
        }
        return String.join(",", servers);
    }

    /** {@code kill -9} of node {@code node} (1-based). */
    public void kill(int node) {
        nodes[node - 1].kill();
    }

    /** Starts a killed node again and waits until the cluster counts it among its brokers. */
    public void restart(int node) throws Exception {
        launch(node);
        awaitBroker(node, Duration.ofMinutes(2));
    }

    /** The node leading the controller quorum now. */
    public int controller() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(10, TimeUnit.SECONDS)
                    .leaderId();
        } catch (Exception e) {
            return -1;
        }
    }

    /** How many partitions of these topics node {@code node} leads now. */
    public int leaderships(int node, List<String> topics) {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            int led = 0;
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() != null && partition.leader().id() == node) {
                        led++;
                    }
                }
            }
            return led;
        } catch (Exception e) {
            return -1;
        }
    }

    private void launch(int node) throws Exception {
        String voters = java.util.stream.IntStream.rangeClosed(1, size)
                .mapToObj(n -> n + "@localhost:" + controllerPort(n))
                .collect(Collectors.joining(","));
        nodes[node - 1] = JvmProcess.java(
                "kafka-" + node,
                List.of("-Xmx512m", "-XX:+UseSerialGC"),
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        BrokerMain.class.getName(),
                        Integer.toString(node),
                        clusterId,
                        Integer.toString(port(node)),
                        Integer.toString(controllerPort(node)),
                        voters,
                        directory.resolve("kafka-" + node).toString(),
                        Integer.toString(size)),
                Map.of(),
                directory.resolve("kafka-" + node + ".log"));
    }

    /** Waits until the node says it started and the cluster's metadata counts it among the live brokers. */
    private void awaitBroker(int node, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        nodes[node - 1].awaitOutput("Kafka node " + node + " started", timeout);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                java.util.Collection<Node> brokers =
                        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                if (brokers.stream().anyMatch(broker -> broker.id() == node)) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("Kafka node " + node + " did not join; see " + directory, last);
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private int port(int node) {
        return basePort + (node - 1) * 10;
    }

    private int controllerPort(int node) {
        return port(node) + 1;
    }

    /** Kills every node: its data is thrown away, and nodes stopped together can wait on each other for minutes. */
    @Override
    public void close() {
        for (JvmProcess node : nodes) {
            if (node != null && node.isAlive()) {
                node.kill();
            }
        }
    }
}
