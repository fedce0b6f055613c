package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the deployment file is checked by reading it: the services, the
 * images, the healthchecks, start order on health, ports and settings from the environment.
 */
class DockerComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES =
            List.of("message-service", "ws-gateway", "connector-telegram", "connector-instagram");

    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void shouldRunKafkaInKraftModeAndPostgres17() {
        assertThat(services).containsKeys("kafka", "postgres").doesNotContainKey("zookeeper");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(services.get("postgres").get("image").toString()).startsWith("postgres:17");
    }

    @Test
    void shouldBuildEachServiceFromItsModule() {
        for (String service : SERVICES) {
            Map<String, Object> build = map(services.get(service).get("build"));
            String module = map(build.get("args")).get("MODULE").toString();
            assertThat(module).isEqualTo(service);
            assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
        }
        assertThat(ROOT.resolve("Dockerfile")).content().contains("ARG MODULE").contains("-exec.jar");
    }

    @Test
    void everyContainerShouldHaveAHealthcheck() {
        services.forEach((name, service) ->
                assertThat(map(service.get("healthcheck"))).as(name).containsKey("test"));
    }

    @Test
    void servicesShouldStartOnlyOnceWhatTheyNeedIsHealthy() {
        for (String service : SERVICES) {
            Map<String, Object> dependsOn = map(services.get(service).get("depends_on"));
            assertThat(dependsOn).as(service).containsKey("kafka");
            dependsOn.forEach((target, condition) -> {
                assertThat(services).containsKey(target.toString());
                assertThat(map(condition).get("condition")).isEqualTo("service_healthy");
            });
        }
        assertThat(map(services.get("message-service").get("depends_on"))).containsKey("postgres");
    }

    @Test
    void eachServiceShouldPublishThePortItsConfigurationListensOnAndProbeItsUnpublishedManagementPort()
            throws IOException {
        for (String service : SERVICES) {
            String config = Files.readString(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"));
            String port = config.replaceAll("(?s).*\\nserver:\\s*\\n\\s*port:\\s*(\\d+).*", "$1");
            assertThat(list(services.get(service).get("ports"))).as(service).contains(port + ":" + port);
            String management = env(service).get("MANAGEMENT_SERVER_PORT").toString();
            assertThat(management).as(service).isNotEqualTo(port);
            assertThat(list(services.get(service).get("ports")).toString())
                    .as(service)
                    .doesNotContain(management);
            assertThat(services.get(service).get("healthcheck").toString())
                    .contains("localhost:" + management + "/actuator/health/readiness");
        }
        assertThat(list(services.get("ws-gateway").get("ports"))).contains("8000:8000");
    }

    @Test
    void settingsShouldComeFromTheEnvironment() {
        for (String service : SERVICES) {
            Map<String, Object> env = env(service);
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("FIKO_JWT_SECRET").toString()).startsWith("${FIKO_JWT_SECRET:?");
        }
        assertThat(env("message-service").get("SPRING_DATASOURCE_URL").toString())
                .startsWith("jdbc:postgresql://postgres:5432/");
    }

    private static Map<String, Object> env(String service) {
        return map(services.get(service).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }
}
