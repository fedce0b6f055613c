package net.fiko.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void shouldNameTheNewDatabaseInTheUrlAndKeepTheParameters() {
        var server =
                new PostgresServer(ServerKind.RUNNING, "jdbc:postgresql://db:5432/postgres?sslmode=disable", "u", "p");

        assertThat(server.databaseUrl("fiko_1")).isEqualTo("jdbc:postgresql://db:5432/fiko_1?sslmode=disable");
    }
}
