package net.fiko.bench.sut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fiko.bench.load.AgentSocket;
import net.fiko.bench.load.Target;
import net.fiko.bench.load.Webhooks;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;

/**
 * The whole Fiko pipeline as the local mode runs it (a KRaft broker, PostgreSQL and the four services) in a JVM of
 * its own, on ports of its own and a fresh data directory, so a running local mode is left alone.
 */
public final class PipelineTarget implements Target {

    static final String TENANT = "demo";
    static final String SECRET = "fiko-bench-secret-0123456789abcdef0123456789abcdef0123456789abcdef";
    static final int BASE_PORT = 28000;

    private final ChildProcess process;
    private final Path dataDirectory;
    private final Duration startup;
    private final FakeBotApi telegram;
    private final StatementStats statementStats;

    private PipelineTarget(
            ChildProcess process, Path dataDirectory, Duration startup, FakeBotApi telegram, boolean statementStats) {
        this.statementStats = statementStats
                ? new StatementStats("jdbc:postgresql://localhost:" + (BASE_PORT + 432) + "/fiko?user=postgres")
                : null;
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.startup = startup;
        this.telegram = telegram;
    }

    /** Starts {@code fiko-local.jar} (with extra JVM options, e.g. a flight recording) and waits until it is ready. */
    public static PipelineTarget start(Path localJar, String heap, List<String> jvmOptions, boolean statementStats)
            throws Exception {
        if (!Files.isRegularFile(localJar)) {
            throw new IllegalStateException(localJar + " is missing: build it with ./mvnw install -pl local -am");
        }
        Path data = Files.createTempDirectory("fiko-bench-");
        FakeBotApi telegram = FakeBotApi.start();
        Map<String, String> environment = new java.util.HashMap<>(GENERATOR_LIMITS);
        environment.putAll(Map.ofEntries(
                Map.entry("FIKO_LOCAL_DIR", data.toString()),
                Map.entry("FIKO_TELEGRAM_API_BASE_URL", FakeBotApi.baseUrl()),
                Map.entry("FIKO_JWT_SECRET", SECRET),
                Map.entry("FIKO_LOCAL_KAFKA_PORT", Integer.toString(BASE_PORT + 92)),
                Map.entry("FIKO_LOCAL_KAFKA_CONTROLLER_PORT", Integer.toString(BASE_PORT + 93)),
                Map.entry("FIKO_LOCAL_POSTGRES_PORT", Integer.toString(BASE_PORT + 432)),
                Map.entry("FIKO_LOCAL_GATEWAY_PORT", Integer.toString(BASE_PORT)),
                Map.entry("FIKO_LOCAL_MESSAGE_SERVICE_PORT", Integer.toString(BASE_PORT + 81)),
                Map.entry("FIKO_LOCAL_TELEGRAM_PORT", Integer.toString(BASE_PORT + 82)),
                Map.entry("FIKO_LOCAL_INSTAGRAM_PORT", Integer.toString(BASE_PORT + 83)),
                Map.entry("FIKO_LOCAL_DEMO_PORT", Integer.toString(BASE_PORT + 90)),
                Map.entry("FIKO_LOCAL_POSTGRES_STATEMENT_STATS", Boolean.toString(statementStats))));
        ChildProcess child = ChildProcess.start(
                command(localJar, heap, jvmOptions),
                environment,
                data.resolve("fiko-local.log"),
                line -> line.contains("Fiko is ready"));
        try {
            child.awaitReady(Duration.ofMinutes(3));
        } catch (Exception e) {
            child.close();
            telegram.close();
            throw new IllegalStateException("The local mode did not start; see " + data.resolve("fiko-local.log"), e);
        }
        return new PipelineTarget(child, data, child.startup(), telegram, statementStats);
    }

    /** Each part's own time to ready, as the local mode reports it ("  ws-gateway ready in 2.1 s"), in start order. */
    public Map<String, Duration> partStartups() {
        Map<String, Duration> parts = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\s+(\\S+)\\s+ready in ([0-9.]+) s$");
        for (String printed : process.outputUntilReady()) {
            var match = line.matcher(printed);
            if (match.matches()) {
                parts.put(match.group(1), Duration.ofMillis(Math.round(Double.parseDouble(match.group(2)) * 1000)));
            }
        }
        return parts;
    }

    /** From starting the JVM to the local mode's "ready" line: broker, database and four services. */
    public Duration startup() {
        return startup;
    }

    @Override
    public String name() {
        return "Fiko pipeline";
    }

    @Override
    public URI chatSocket(String conversationId, String agentId) {
        return URI.create("ws://localhost:" + BASE_PORT + "/ws/chat/" + conversationId + "/?token=" + token(agentId));
    }

    @Override
    public URI listSocket(String agentId) {
        return URI.create("ws://localhost:" + BASE_PORT + "/ws/conversations/?token=" + token(agentId));
    }

    /** Registers a bot for the demo tenant with the connector (answered by {@link FakeBotApi}). */
    @Override
    public Webhooks telegramWebhooks() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + (BASE_PORT + 82) + "/api/telegram/channels"))
                                .header("Authorization", "Bearer " + token("owner"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"token\":\"4242:AAHbenchbenchbenchbenchbench\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Registering the bot: " + created.statusCode() + " " + created.body());
        }
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        return new Webhooks(
                URI.create("http://localhost:" + (BASE_PORT + 82) + "/webhooks/telegram/" + channel),
                telegram.secret());
    }

    private static String token(String agentId) {
        return DevTokens.access(SECRET, agentId, TENANT, "Agent " + agentId, Duration.ofHours(6));
    }

    /** Customers of the demo tenant write in (through the local mode's demo endpoint, as a connector would). */
    @Override
    public List<String> conversations(int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + (BASE_PORT + 90) + "/customer-messages"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\":\"bench-" + i
                                    + "\",\"first_name\":\"Bench\",\"last_name\":\"" + i
                                    + "\",\"text\":\"Hello from a benchmark customer\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 202) {
                throw new IllegalStateException("The demo endpoint answered " + created.statusCode());
            }
            ids.add(EventJson.mapper()
                    .readTree(created.body())
                    .path("conversation_id")
                    .asString());
        }
        for (String id : ids) {
            AgentSocket.awaitAccepted(chatSocket(id, "probe"), Duration.ofSeconds(60));
        }
        return ids;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** What one more topic costs the local mode's broker, measured with {@code count} of them ({@link TopicCost}). */
    public TopicCost topicCost(int count) throws Exception {
        return TopicCost.measure("localhost:" + (BASE_PORT + 92), pid(), dataDirectory.resolve("kafka"), count);
    }

    /** PostgreSQL's statement statistics, when the local mode was started with them. */
    public Optional<StatementStats> statementStats() {
        return Optional.ofNullable(statementStats);
    }

    /** The local mode's PostgreSQL server: the first line of its {@code postmaster.pid}. */
    @Override
    public long postgresPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid"))
                            .get(0)
                            .strip());
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.close();
        telegram.close();
        deleteQuietly(dataDirectory);
    }

    private static List<String> command(Path localJar, String heap, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", localJar.toString()));
        return command;
    }

    /**
     * One load generator on one address plays thousands of agents of one tenant: the limits that stop one client from
     * hogging a gateway would stop it too. Every gateway the benchmark starts gets these.
     */
    static final Map<String, String> GENERATOR_LIMITS = Map.of(
            "FIKO_GATEWAY_MAX_SOCKETS_PER_USER", "1000000",
            "FIKO_GATEWAY_MAX_SOCKETS_PER_TENANT", "1000000",
            "FIKO_GATEWAY_HANDSHAKES_PER_SECOND_PER_ADDRESS", "1000000",
            "FIKO_GATEWAY_HANDSHAKE_BURST_PER_ADDRESS", "1000000");

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (Exception e) {
            // A temporary directory: the system cleans it eventually.
        }
    }
}
