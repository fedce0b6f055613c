package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * docker-compose.scale-out.yml read as Compose reads it over docker-compose.yml: three brokers in one KRaft quorum
 * that replicate every topic three times and need two in sync, every service on all three, two gateways and two
 * message-services behind HAProxy and none of them published, and HAProxy spreading sockets with no stickiness,
 * health-checked on readiness, with WebSocket tunnels that outlive the gateways' pings.
 */
class DockerComposeScaleOutTest {

    static Map<String, Map<String, Object>> overrides;
    static String haproxy;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        String file = Files.readString(DockerComposeFileTest.ROOT.resolve("docker-compose.scale-out.yml"));
        var resolved = ComposeInterpolation.resolve(file, Map.of(), Map.of());
        assertThat(resolved.errors()).isEmpty();
        Map<String, Object> compose = composeYaml().load(resolved.file());
        overrides = (Map<String, Map<String, Object>>) compose.get("services");
        haproxy = Files.readString(DockerComposeFileTest.ROOT.resolve("deploy/haproxy.cfg"));
    }

    @Test
    void threeBrokersShouldFormOneQuorumReplicatingEveryTopicThreeTimes() {
        List<String> brokers = List.of("kafka", "kafka-2", "kafka-3");
        for (int i = 0; i < brokers.size(); i++) {
            Map<String, Object> environment = environment(brokers.get(i));
            assertThat(environment.get("KAFKA_NODE_ID").toString()).isEqualTo(Integer.toString(i + 1));
            assertThat(environment)
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + brokers.get(i) + ":9092")
                    .containsEntry("CLUSTER_ID", "DvAqPbKL-37fw3W7o8PKkA");
            assertThat(environment.get("KAFKA_DEFAULT_REPLICATION_FACTOR").toString())
                    .isEqualTo("3");
            assertThat(environment.get("KAFKA_MIN_INSYNC_REPLICAS").toString()).isEqualTo("2");
            assertThat(environment.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").toString())
                    .isEqualTo("3");
        }
        assertThat(overrides.get("kafka-2")).containsKey("healthcheck").containsKey("volumes");
    }

    @Test
    void everyServiceShouldUseTheThreeBrokersAndCreateTopicsWithThreeReplicas() {
        for (String service : List.of(
                "message-service",
                "message-service-2",
                "ws-gateway",
                "ws-gateway-2",
                "connector-telegram",
                "connector-instagram")) {
            assertThat(environment(service))
                    .as(service)
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092")
                    .containsEntry("FIKO_KAFKA_REPLICATION_FACTOR", "3");
        }
    }

    @Test
    void twoGatewaysAndTwoMessageServicesShouldBeReachedOnlyThroughTheLoadBalancer() {
        for (String service : List.of("message-service", "message-service-2", "ws-gateway", "ws-gateway-2")) {
            assertThat(overrides.get(service).get("ports")).as(service).isEqualTo(RESET);
        }
        for (String twin : List.of("message-service-2", "ws-gateway-2")) {
            assertThat(overrides.get(twin).get("extends"))
                    .isEqualTo(Map.of("file", "docker-compose.yml", "service", twin.replace("-2", "")));
        }
        assertThat(overrides.get("load-balancer").get("ports")).isEqualTo(List.of("8000:8000", "8081:8081"));
        assertThat(environment("ws-gateway")).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
    }

    @Test
    void haproxyShouldSpreadSocketsWithoutStickinessAndFollowReadiness() {
        assertThat(haproxy)
                .contains("server ws-gateway ws-gateway:8000", "server ws-gateway-2 ws-gateway-2:8000")
                .contains("server message-service message-service:8081")
                .contains("server message-service-2 message-service-2:8081")
                .contains("option httpchk GET /actuator/health/readiness", "check port 9000")
                .containsPattern("timeout tunnel \\d+h")
                .containsPattern("timeout client (\\d{3,}|[4-9]\\d)s")
                .doesNotContain("cookie ")
                .doesNotContain("stick ")
                .doesNotContain("balance source");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        Map<String, Object> flat = new LinkedHashMap<>();
        ((Map<String, Object>) overrides.get(service).get("environment"))
                .forEach((key, value) -> flat.put(key, value == null ? null : value.toString()));
        return flat;
    }

    /** What {@code !reset} stands for here: Compose drops the base file's value. */
    static final Object RESET = "!reset";

    /** SnakeYAML that reads Compose's {@code !reset} tag. */
    private static Yaml composeYaml() {
        var constructor = new SafeConstructor(new LoaderOptions()) {
            {
                yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return RESET;
                    }
                });
            }
        };
        return new Yaml(constructor);
    }
}
