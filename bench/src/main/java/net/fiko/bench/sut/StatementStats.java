package net.fiko.bench.sut;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own account of the statements it ran ({@code pg_stat_statements}), read from the local mode's server
 * when it was started with {@code FIKO_LOCAL_POSTGRES_STATEMENT_STATS=true} ({@code ./fiko-bench --pg-stats}).
 */
public final class StatementStats {

    private final String jdbcUrl;

    StatementStats(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** One statement's calls, time executing it inside the server, and rows. */
    public record Row(String statement, long calls, double totalMillis, long rows) {}

    /** Forgets what was counted so far. */
    public void reset() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time since the last reset, the most first. */
    public List<Row> top(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls,"
                        + " total_exec_time, rows FROM pg_stat_statements"
                        + " WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT "
                        + limit)) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getLong(2), result.getDouble(3), result.getLong(4)));
            }
        }
        return rows;
    }
}
