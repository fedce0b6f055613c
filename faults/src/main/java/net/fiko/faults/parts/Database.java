package net.fiko.faults.parts;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A real PostgreSQL 17 server process (from the embedded binaries) writing every commit to disk, that a scenario can
 * stop in immediate mode, as a crash or {@code pg_ctl stop -m immediate} does ({@code SIGQUIT} to the postmaster:
 * no checkpoint, crash recovery on the next start), and start again on the same data and port.
 */
public final class Database implements AutoCloseable {

    public static final String NAME = "fiko";

    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private boolean restarted;

    private Database(EmbeddedPostgres embedded, Path dataDirectory, int port, Path log) throws IOException {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.log = log;
        long pid = postmasterPid();
        this.command = new ArrayList<>(
                Arrays.asList(Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                        .split("\0")));
        this.environment = new LinkedHashMap<>();
        for (String variable : Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8)
                .split("\0")) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                environment.put(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
    }

    public static Database start(Path directory, int port) throws Exception {
        Path data = directory.resolve("postgres");
        Files.createDirectories(data);
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setPort(port)
                .setRegisterShutdownHook(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection connection = embedded.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + NAME);
        }
        return new Database(embedded, data, port, directory.resolve("postgres-restarted.log"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** {@code pg_ctl stop -m immediate}: every client cut off at once, nothing flushed beyond the log. */
    public void stopImmediately() throws Exception {
        long pid = postmasterPid();
        new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * Starts the server again on the same data and port (crash recovery first) with {@code pg_ctl}, as the embedded
     * server was started, and waits until it takes queries.
     */
    public void start() throws Exception {
        Path bin = Path.of(command.get(0)).getParent();
        // The postmaster's own arguments after "-D <dir>": the port and the settings it was started with.
        String options = String.join(" ", command.subList(3, command.size()));
        List<String> pgCtl = new ArrayList<>();
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            // PostgreSQL refuses to run as root; as root the embedded server runs in a user namespace of its own.
            pgCtl.addAll(List.of("unshare", "-U"));
        }
        pgCtl.addAll(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dataDirectory.toString(),
                "-o",
                options,
                "-l",
                log.toString(),
                "-w",
                "-t",
                "60",
                "start"));
        ProcessBuilder builder = new ProcessBuilder(pgCtl)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        log.resolveSibling("pg_ctl.log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("pg_ctl start exited with " + exit + "; see " + log);
        }
        restarted = true;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        throw new IllegalStateException("PostgreSQL did not come back; see " + log, last);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
    }

    @Override
    public void close() throws Exception {
        if (!restarted) {
            embedded.close();
        } else if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            long pid = postmasterPid();
            // SIGINT: a fast shutdown, as pg_ctl stop does.
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
        }
    }
}
