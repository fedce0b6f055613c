package net.fiko.message.system;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * PostgreSQL arrays for a statement's parameters: how a batch's ids go to the database in one parameter
 * ({@code WHERE id = ANY (?)}, {@code unnest(?)}), so a batch is one statement whatever its size.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static Array uuids(PreparedStatement statement, Collection<UUID> values) throws SQLException {
        return statement.getConnection().createArrayOf("uuid", values.toArray());
    }

    public static Array texts(PreparedStatement statement, Collection<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }
}
