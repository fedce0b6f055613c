package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml resolved as Compose resolves it ({@link ComposeInterpolation}) with what the README tells a new
 * user to set: the {@code .env} made from {@code .env.example} with its required values filled in. Every variable of
 * the file is in {@code .env.example}, and a required one left out stops Compose with its name.
 */
class DockerComposeResolutionTest {

    static final Path ROOT = DockerComposeFileTest.ROOT;
    static final List<String> REQUIRED = List.of(
            "FIKO_JWT_SECRET", "FIKO_TELEGRAM_PUBLIC_BASE_URL", "FIKO_TELEGRAM_TOKEN_KEY", "FIKO_INSTAGRAM_SECRET_KEY");

    static String compose;
    static Map<String, String> example;

    @BeforeAll
    static void read() throws Exception {
        compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        example = ComposeInterpolation.dotEnv(Files.readString(ROOT.resolve(".env.example")));
    }

    @Test
    void theReadmesStepsShouldGiveAFileComposeRunsWithEveryServiceConfigured() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme)
                .contains("copy [.env.example](.env.example) to `.env`")
                .contains("docker compose up --build");
        Map<String, String> dotEnv = new LinkedHashMap<>(example);
        REQUIRED.forEach(name -> dotEnv.put(name, "value-of-" + name));

        var result = ComposeInterpolation.resolve(compose, dotEnv, Map.of());

        assertThat(result.errors()).isEmpty();
        assertThat(result.file().replace("$${POSTGRES_USER}", "").replace("${POSTGRES_USER}", ""))
                .as("nothing left to resolve but the healthcheck's escaped shell variable")
                .doesNotContain("${");
        Map<String, Object> services = services(result.file());
        for (String service : List.of("message-service", "ws-gateway", "connector-telegram", "connector-instagram")) {
            assertThat(environment(services, service))
                    .as(service)
                    .containsEntry("FIKO_JWT_SECRET", "value-of-FIKO_JWT_SECRET")
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
        assertThat(environment(services, "connector-telegram"))
                .containsEntry("FIKO_TELEGRAM_TOKEN_KEY", "value-of-FIKO_TELEGRAM_TOKEN_KEY")
                .containsEntry("FIKO_TELEGRAM_PUBLIC_BASE_URL", "value-of-FIKO_TELEGRAM_PUBLIC_BASE_URL");
        assertThat(environment(services, "connector-instagram"))
                .containsEntry("FIKO_INSTAGRAM_SECRET_KEY", "value-of-FIKO_INSTAGRAM_SECRET_KEY");
        assertThat(result.file()).as("the escaped $$ of the healthcheck").contains("pg_isready -U ${POSTGRES_USER}");
    }

    @Test
    void aRequiredValueLeftOutShouldStopComposeNamingIt() {
        var asCopied = ComposeInterpolation.resolve(compose, example, Map.of());
        assertThat(asCopied.errors())
                .as(".env.example copied as it is")
                .hasSize(REQUIRED.size())
                .allSatisfy(error -> assertThat(REQUIRED)
                        .anySatisfy(name -> assertThat(error).contains(name)));

        var onlyTheSecret = ComposeInterpolation.resolve(compose, Map.of(), Map.of("FIKO_JWT_SECRET", "s"));
        assertThat(onlyTheSecret.errors())
                .as("FIKO_JWT_SECRET=... docker compose up, without a .env")
                .anySatisfy(error -> assertThat(error).contains("FIKO_TELEGRAM_PUBLIC_BASE_URL"))
                .noneSatisfy(error -> assertThat(error).contains("FIKO_JWT_SECRET"));
    }

    @Test
    void everyVariableOfTheComposeFileShouldBeInEnvExample() throws Exception {
        String text = Files.readString(ROOT.resolve(".env.example"));
        Matcher variable =
                Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(compose);
        while (variable.find()) {
            assertThat(text).as(variable.group(1)).containsPattern("(?m)^#? ?" + variable.group(1) + "=");
        }
        assertThat(REQUIRED).allSatisfy(name -> assertThat(example).containsEntry(name, ""));
    }

    @Test
    void theInterpolationShouldFollowComposesRules() {
        String file = "a: ${SET:-d} b: ${EMPTY:-d} c: ${EMPTY-d} d: ${UNSET-d} e: $$HOME f: $SET g: ${SET:+r}"
                + " h: ${EMPTY:+r} i: ${EMPTY?never} j: ${UNSET}.";
        var result = ComposeInterpolation.resolve(file, Map.of("EMPTY", ""), Map.of("SET", "v"));
        assertThat(result.file()).isEqualTo("a: v b: d c:  d: d e: $HOME f: v g: r h:  i:  j: .");
        assertThat(result.errors()).isEmpty();
        assertThat(ComposeInterpolation.resolve("${EMPTY:?say}", Map.of("EMPTY", ""), Map.of())
                        .errors())
                .containsExactly("required variable EMPTY is missing a value: say");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String file) {
        return (Map<String, Object>) ((Map<String, Object>) new Yaml().load(file)).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> services, String service) {
        Map<String, Object> environment =
                (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
        Map<String, Object> flat = new LinkedHashMap<>();
        environment.forEach((key, value) -> flat.put(key, value == null ? null : value.toString()));
        return flat;
    }
}
