package net.fiko.message.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fiko.events.Agent;
import net.fiko.events.command.GatewayCommand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The agents of each tenant as Fiko has seen them act: whoever wrote, read or changed one of the tenant's conversations,
 * with the name and id type their token last gave. A conversation is assigned only to one of them.
 */
@Repository
public class TenantAgents {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    TenantAgents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the agents of a poll's commands, once each, in the caller's transaction. */
    public void sawAll(Collection<? extends GatewayCommand> commands) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (GatewayCommand command : commands) {
            Agent agent = command.agent();
            if (agent != null && agent.userId() != null) {
                rows.put(command.tenantId() + "\n" + agent.userId(), new Object[] {
                    command.tenantId(), agent.userId(), agent.username(), agent.userIdIsNumber() != null, now
                });
            }
        }
        upsert(rows);
    }

    /** Records one agent of the tenant. */
    public void saw(String tenantId, Agent agent) {
        Timestamp now = Timestamp.from(clock.instant());
        upsert(Map.of(
                tenantId + "\n" + agent.userId(),
                new Object[] {tenantId, agent.userId(), agent.username(), agent.userIdIsNumber() != null, now}));
    }

    private void upsert(Map<String, Object[]> rows) {
        if (!rows.isEmpty()) {
            // Sorted, so that two polls upserting the same agents take their row locks in the same order.
            List<Object[]> sorted = rows.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .toList();
            jdbc.batchUpdate("""
                    INSERT INTO tenant_agents (tenant_id, user_id, username, user_id_is_number, last_seen_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, user_id) DO UPDATE SET username = EXCLUDED.username,
                        user_id_is_number = EXCLUDED.user_id_is_number, last_seen_at = EXCLUDED.last_seen_at
                    """, sorted);
        }
    }

    /** The tenant's agent with this user id, as last seen; empty if the tenant has none such. */
    public Optional<Agent> find(String tenantId, String userId) {
        return jdbc
                .query(
                        "SELECT user_id, username, user_id_is_number FROM tenant_agents WHERE tenant_id = ? AND user_id = ?",
                        (row, n) -> new Agent(row.getString(1), row.getString(2), row.getBoolean(3)),
                        tenantId,
                        userId)
                .stream()
                .findFirst();
    }
}
