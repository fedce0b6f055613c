package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import net.fiko.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path data;

    @Test
    void shouldWriteEachCommitToDiskBeforeAnsweringIt() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(data, FreePorts.one(), false);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void shouldKeepEveryStatementsTimeWhenAskedTo() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(data, FreePorts.one(), true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counted_here (id int)");
            statement.execute("SELECT count(*) FROM counted_here");
            try (ResultSet counted = statement.executeQuery(
                    "SELECT calls FROM pg_stat_statements WHERE query = 'SELECT count(*) FROM counted_here'")) {
                assertThat(counted.next()).isTrue();
                assertThat(counted.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldStopTheServerAKilledRunLeftAndStartOnTheSameFolder() throws Exception {
        int port = FreePorts.one();
        // A run killed (SIGKILL) while its server runs: the server goes on, holding the port and the data folder.
        Process run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LeftOverPostgres.class.getName(),
                        data.toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("ready")) {
                // the server's start-up log
            }
            assertThat(line).as("the run started its server").isEqualTo("ready");
            run.destroyForcibly().waitFor();
        }
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"))
                .get(0)
                .strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        try (LocalPostgres next = LocalPostgres.start(data, port, false);
                Connection connection = DriverManager.getConnection(next.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet one = statement.executeQuery("SELECT 1")) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(one.next()).isTrue();
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
