package net.fiko.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests. Each test context takes a database of its own with {@link #newDatabase}, so
 * Flyway starts from nothing and tests never see each other's rows.
 *
 * @param adminUrl a JDBC URL of a database the user may connect to and create databases from
 */
public record PostgresServer(ServerKind kind, String adminUrl, String username, String password) {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + this, e);
        }
        return databaseUrl(name);
    }

    String databaseUrl(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    @Override
    public String toString() {
        return "PostgreSQL (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ") at " + adminUrl;
    }
}
