package net.fiko.message.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The unread count every stored message's snapshot carries reads the customer's messages it counts, not the agents'
 * replies in between: a conversation's thousandth reply costs what its first did.
 */
class UnreadCountQueryTest {

    private static final int REPLIES = 3_000;

    private JdbcTemplate jdbc;
    private final UUID conversation = UUID.randomUUID();

    @BeforeEach
    void aConversationWithThousandsOfRepliesAmongOthers() {
        PostgresServer postgres = TestServers.postgres();
        var dataSource = new DriverManagerDataSource(
                postgres.newDatabase("unread_count_query"), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO tenants (id, created_at) VALUES ('acme', now())");
        jdbc.update("INSERT INTO customers (id, tenant_id, platform, external_id, created_at)"
                + " SELECT n, 'acme', 'web', 'visitor-' || n, now() FROM generate_series(1, 201) n");
        jdbc.update(
                "INSERT INTO conversations (id, tenant_id, customer_id, source, title, created_at, updated_at)"
                        + " SELECT CASE WHEN n = 1 THEN ?::uuid ELSE gen_random_uuid() END, 'acme', n, 'web', 'web - ' || n,"
                        + " now(), now() FROM generate_series(1, 201) n",
                conversation);
        // Other conversations, 100 messages each, as a table in use holds.
        jdbc.update(
                "INSERT INTO messages (id, conversation_id, sequence, type, content, delivery_status, created_at)"
                        + " SELECT gen_random_uuid(), c.id, n, CASE WHEN n % 2 = 0 THEN 'customer' ELSE 'support' END, 'hi',"
                        + " 'delivered', now() FROM conversations c, generate_series(1, 100) n WHERE c.id <> ?::uuid",
                conversation);
        // This one: the customer wrote (1), agents replied thousands of times, the customer wrote twice more.
        jdbc.update(
                "INSERT INTO messages (id, conversation_id, sequence, type, content, delivery_status, created_at)"
                        + " SELECT gen_random_uuid(), ?::uuid, n, CASE WHEN n = 1 OR n > ? THEN 'customer' ELSE 'support' END,"
                        + " 'hi', 'delivered', now() FROM generate_series(1, ? + 3) n",
                conversation,
                REPLIES + 1,
                REPLIES);
        jdbc.execute("VACUUM ANALYZE messages");
    }

    @Test
    void shouldCountTheCustomersNewMessagesWithoutReadingTheRepliesBetween() {
        // Streams counted up to the first message, with no read mark: the two after the replies are new.
        PreparedStatementSetter countedUpToTheFirst = statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", new Object[] {conversation}));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", new Object[] {1L}));
            statement.setArray(3, statement.getConnection().createArrayOf("bigint", new Object[] {0L}));
        };
        List<Long> newer = new ArrayList<>();
        jdbc.query(UnreadCounts.NEWER_CUSTOMER_MESSAGES, countedUpToTheFirst, row -> {
            newer.add(row.getLong("newer"));
        });
        assertThat(newer).containsExactly(2L);

        String plan = jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "EXPLAIN (ANALYZE, FORMAT JSON) " + UnreadCounts.NEWER_CUSTOMER_MESSAGES);
                    countedUpToTheFirst.setValues(statement);
                    return statement;
                },
                (org.springframework.jdbc.core.ResultSetExtractor<String>) rows -> {
                    rows.next();
                    return rows.getString(1);
                });
        long read =
                rowsReadFromMessages(new ObjectMapper().readTree(plan).get(0).get("Plan"));
        assertThat(read)
                .as(
                        "rows of messages read (returned or filtered out) for a count of 2 after %d replies:%n%s",
                        REPLIES, plan)
                .isLessThanOrEqualTo(10);
    }

    private static long rowsReadFromMessages(JsonNode node) {
        long read = 0;
        if ("messages".equals(node.path("Relation Name").asString(""))) {
            read += (long) (node.path("Actual Rows").asDouble(0)
                            * node.path("Actual Loops").asDouble(1))
                    + node.path("Rows Removed by Filter").asLong(0)
                    + node.path("Rows Removed by Index Recheck").asLong(0);
        }
        for (JsonNode child : node.path("Plans")) {
            read += rowsReadFromMessages(child);
        }
        return read;
    }
}
