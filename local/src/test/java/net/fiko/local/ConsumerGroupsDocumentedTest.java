package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fiko.connector.instagram.InstagramConnectorApplication;
import net.fiko.connector.telegram.TelegramConnectorApplication;
import net.fiko.gateway.GatewayApplication;
import net.fiko.message.MessageServiceApplication;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * The consumer groups docs/topics.md and docs/asyncapi.yaml name are the groups the code joins, and the only ones:
 * every service is started with its own settings (not a test's), and the groups on the broker, with the topics
 * their members read, are compared with both documents.
 */
class ConsumerGroupsDocumentedTest {

    static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    static final String INSTANCE = "gw-docs-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyGroupTheDocumentsNameShouldBeJoinedByTheCodeAndNoOther() throws Exception {
        Set<String> documented = documentedGroups();
        assertThat(asyncApiGroups())
                .as("docs/asyncapi.yaml against docs/topics.md")
                .isEqualTo(groupsOnly(documented));

        var kafka = TestServers.kafka();
        PostgresServer postgres = TestServers.postgres();
        Map<String, Object> common = FikoServices.common(kafka.bootstrapServers(), FikoTestProperties.JWT_SECRET, 3);
        common.put("server.port", 0);
        common.put(
                "spring.kafka.streams.state-dir",
                System.getProperty("java.io.tmpdir") + "/groups-" + UUID.randomUUID());
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            services.add(FikoServices.start(MessageServiceApplication.application(), database(common, postgres)));
            services.add(FikoServices.start(
                    GatewayApplication.application(), FikoServices.with(common, "fiko.gateway.instance-id", INSTANCE)));
            Map<String, Object> telegram = database(common, postgres);
            telegram.put("fiko.telegram.api-base-url", "http://localhost:9");
            services.add(FikoServices.start(TelegramConnectorApplication.application(), telegram));
            Map<String, Object> instagram = database(common, postgres);
            instagram.put("fiko.instagram.graph-base-url", "http://localhost:9");
            services.add(FikoServices.start(InstagramConnectorApplication.application(), instagram));

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(joined(admin)).isEqualTo(documented));
        } finally {
            services.forEach(ConfigurableApplicationContext::close);
        }
    }

    static final List<String> SERVICES =
            List.of("message-service", "ws-gateway", "connector-telegram", "connector-instagram");

    /** The one topic read without a group: message-service's global store of the counts it publishes. */
    static final Map<String, String> READ_WITHOUT_GROUP = Map.of("fiko.unread.counts", "message-service");

    @Test
    @SuppressWarnings("unchecked")
    void theServicesEachTopicNamesAsItsReadersShouldBeThoseWhoseGroupsReadIt() throws Exception {
        Map<String, Set<String>> byGroups = new java.util.TreeMap<>();
        for (String pair : documentedGroups()) {
            String group = pair.substring(0, pair.indexOf(" → "));
            String topic = pair.substring(pair.indexOf(" → ") + 3);
            byGroups.computeIfAbsent(topic, t -> new TreeSet<>()).add(serviceOf(group));
        }
        READ_WITHOUT_GROUP.forEach((topic, service) ->
                byGroups.computeIfAbsent(topic, t -> new TreeSet<>()).add(service));

        String topics = Files.readString(DOCS.resolve("topics.md"));
        Map<String, Set<String>> byTable = new java.util.TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(fiko\\.[a-z.]+)` \\|(?:[^|]*\\|){5}([^|]*)\\|$")
                .matcher(topics);
        while (row.find()) {
            byTable.put(row.group(1), servicesNamed(row.group(2)));
        }
        Map<String, Set<String>> byCode = new java.util.TreeMap<>();
        for (net.fiko.events.Topic<?> topic : net.fiko.events.Topics.all()) {
            byCode.put(topic.name(), servicesNamed(topic.consumers()));
        }
        Map<String, Set<String>> byAsyncApi = new java.util.TreeMap<>();
        Map<String, Object> document = new Yaml().load(Files.readString(DOCS.resolve("asyncapi.yaml")));
        for (Object value : ((Map<String, Object>) document.get("channels")).values()) {
            Map<String, Object> channel = (Map<String, Object>) value;
            String description = String.valueOf(channel.get("description"));
            if (String.valueOf(channel.get("address")).startsWith("fiko.")) {
                byAsyncApi.put(
                        String.valueOf(channel.get("address")),
                        servicesNamed(
                                description.substring(description.indexOf(';', description.indexOf("Produced by")))));
            }
        }
        assertThat(byTable).as("the Consumers column of docs/topics.md").isEqualTo(byGroups);
        assertThat(byAsyncApi).as("the channels of docs/asyncapi.yaml").isEqualTo(byGroups);
        assertThat(byCode).as("the consumers Topics.java names").isEqualTo(byGroups);
    }

    private static String serviceOf(String group) {
        return group.startsWith("fiko-gateway-")
                ? "ws-gateway"
                : SERVICES.stream().filter(group::startsWith).findFirst().orElse(group);
    }

    private static Set<String> servicesNamed(String text) {
        Set<String> services = new TreeSet<>();
        SERVICES.stream().filter(text::contains).forEach(services::add);
        if (text.matches("(?s).*\\bconnectors\\b.*")) {
            services.add("connector-telegram");
            services.add("connector-instagram");
        }
        return services;
    }

    /** "group → topic" for every group of this test's services with members, and the topics they were assigned. */
    private static Set<String> joined(Admin admin) throws Exception {
        List<String> ours = new ArrayList<>();
        for (GroupListing group :
                admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
            String id = group.groupId();
            // Other test classes' stacks share the broker: their groups are named after the stack or gw-<n>.
            if (!id.startsWith("stack-") && !id.matches("fiko-gateway-gw-\\d+-.*")) {
                ours.add(id);
            }
        }
        Set<String> pairs = new TreeSet<>();
        admin.describeConsumerGroups(ours).all().get().forEach((id, description) -> {
            for (MemberDescription member : description.members()) {
                member.assignment()
                        .topicPartitions()
                        .forEach(partition ->
                                pairs.add(id.replace(INSTANCE, "<instance id>") + " → " + partition.topic()));
            }
        });
        return pairs;
    }

    /** "group → topic" for each row of the consumer-group table of docs/topics.md. */
    static Set<String> documentedGroups() throws Exception {
        String topics = Files.readString(DOCS.resolve("topics.md"));
        String section = topics.substring(topics.indexOf("## Consumer groups"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| [^|]+ \\| `([^`]+)` \\|$")
                .matcher(section);
        Set<String> pairs = new TreeSet<>();
        while (row.find()) {
            pairs.add(row.group(1) + " → " + row.group(2));
        }
        assertThat(pairs).as("the consumer-group table of docs/topics.md").isNotEmpty();
        return pairs;
    }

    /** The group ids the receiving operations of docs/asyncapi.yaml name in their Kafka bindings. */
    @SuppressWarnings("unchecked")
    static Set<String> asyncApiGroups() throws Exception {
        Map<String, Object> document = new Yaml().load(Files.readString(DOCS.resolve("asyncapi.yaml")));
        Set<String> groups = new TreeSet<>();
        for (Object operation : ((Map<String, Object>) document.get("operations")).values()) {
            Map<String, Object> bindings = (Map<String, Object>) ((Map<String, Object>) operation).get("bindings");
            if (bindings == null || !bindings.containsKey("kafka")) {
                continue;
            }
            Map<String, Object> groupId =
                    (Map<String, Object>) ((Map<String, Object>) bindings.get("kafka")).get("groupId");
            if (groupId != null) {
                groups.addAll((List<String>) groupId.get("enum"));
            }
        }
        return groups;
    }

    private static Set<String> groupsOnly(Set<String> pairs) {
        Set<String> groups = new TreeSet<>();
        pairs.forEach(pair -> groups.add(pair.substring(0, pair.indexOf(" → "))));
        return groups;
    }

    private static Map<String, Object> database(Map<String, Object> common, PostgresServer postgres) {
        Map<String, Object> settings = new HashMap<>(common);
        settings.put("spring.datasource.url", postgres.newDatabase("groups"));
        settings.put("spring.datasource.username", postgres.username());
        settings.put("spring.datasource.password", postgres.password());
        return settings;
    }
}
