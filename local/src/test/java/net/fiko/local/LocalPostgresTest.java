package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path data;

    @Test
    void shouldWriteEachCommitToDiskBeforeAnsweringIt() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(data, freePort(), false);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void shouldKeepEveryStatementsTimeWhenAskedTo() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(data, freePort(), true);
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

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
