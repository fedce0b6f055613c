package net.fiko.message.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.fiko.events.ConversationIds;
import net.fiko.events.Platform;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V8 on data written before it: every conversation keeps its id, and the id a connector now derives for its
 * customer on its channel names it.
 */
class ConversationPerChannelMigrationTest {

    private DriverManagerDataSource dataSource;

    @Test
    void theDatabaseShouldDeriveConversationIdsByteForByteAsConnectorsDo() {
        JdbcTemplate jdbc = migratedTo(null);
        for (List<String> name : List.of(
                List.of("tenant-1", "telegram", "bot-1", "777000111"),
                List.of("tënant-ü", "instagram", "17841400000000001", "😀-igsid"),
                List.of("t", "telegram", "", ""))) {
            String derived = ConversationIds.forCustomer(
                    name.get(0),
                    Platform.valueOf(name.get(1).toUpperCase(java.util.Locale.ROOT)),
                    name.get(2),
                    name.get(3));
            assertThat(jdbc.queryForObject(
                            "SELECT fiko_conversation_id(?, ?, ?, ?)::text",
                            String.class,
                            name.get(0),
                            name.get(1),
                            name.get(2),
                            name.get(3)))
                    .as("%s", name)
                    .isEqualTo(derived);
        }
    }

    @Test
    void conversationsOpenedBeforeShouldKeepTheirIdUnderTheIdConnectorsNowDerive() {
        JdbcTemplate jdbc = migratedTo("7");
        String telegram = ConversationIds.forCustomer("acme", Platform.TELEGRAM, null, "555");
        String demo = ConversationIds.forCustomer("acme", Platform.WEB, null, "visitor");
        jdbc.update("INSERT INTO tenants (id, created_at) VALUES ('acme', now())");
        jdbc.update("INSERT INTO customers (id, tenant_id, platform, external_id, created_at) VALUES"
                + " (1, 'acme', 'telegram', '555', now()), (2, 'acme', 'web', 'visitor', now())");
        jdbc.update(
                "INSERT INTO conversations (id, tenant_id, customer_id, source, title, channel_id, external_chat_id,"
                        + " created_at, updated_at) VALUES (?::uuid, 'acme', 1, 'telegram', 'telegram - 555', 'bot-2', '555',"
                        + " now(), now()), (?::uuid, 'acme', 2, 'web', 'web - visitor', NULL, NULL, now(), now())",
                telegram,
                demo);

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(jdbc.queryForList(
                        "SELECT alias::text AS alias, conversation_id::text AS id FROM conversation_aliases"))
                .as("the channel it was last written through; none for a conversation without a channel")
                .containsExactly(Map.of(
                        "alias",
                        ConversationIds.forCustomer("acme", Platform.TELEGRAM, "bot-2", "555"),
                        "id",
                        telegram));
        assertThat(jdbc.queryForList("SELECT id::text FROM conversations ORDER BY created_at", String.class))
                .containsExactlyInAnyOrder(telegram, demo);
    }

    private JdbcTemplate migratedTo(String version) {
        PostgresServer postgres = TestServers.postgres();
        dataSource = new DriverManagerDataSource(
                postgres.newDatabase("migration_v8"), postgres.username(), postgres.password());
        var flyway = Flyway.configure().dataSource(dataSource);
        (version == null ? flyway : flyway.target(version)).load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
