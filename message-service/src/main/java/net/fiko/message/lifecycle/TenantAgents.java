package net.fiko.message.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.Agent;
import net.fiko.events.command.GatewayCommand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The agents of each tenant as Fiko has seen them act: whoever wrote, read or changed one of the tenant's conversations,
 * with the name and id type their token gave. A conversation is assigned only to one of them.
 *
 * <p>Recording sits on the busy path (every poll of agents' commands), so an agent this instance recorded within
 * {@link #REFRESH}, with the same name and id type, costs no statement and takes no row lock: otherwise every poll
 * upserting a busy agent's row would wait for the other polls holding it, on every instance, until they commit.
 */
@Repository
public class TenantAgents {

    /** How long a recorded agent is not written again (so {@code last_seen_at} is at most this old). */
    static final Duration REFRESH = Duration.ofHours(1);
    /** Past this many, what this instance remembers is forgotten and rebuilt as agents act. */
    static final int MAX_REMEMBERED = 100_000;

    private record Seen(String tenantId, Agent agent) {}

    private record Recorded(Agent agent, Instant at) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();

    TenantAgents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the agents of a poll's commands that need it, once each, in the caller's transaction. */
    public void sawAll(Collection<? extends GatewayCommand> commands) {
        record(commands.stream()
                .filter(command -> command.agent() != null && command.agent().userId() != null)
                .map(command -> new Seen(command.tenantId(), command.agent()))
                .toList());
    }

    /** Records one agent of the tenant, if it needs it. */
    public void saw(String tenantId, Agent agent) {
        record(List.of(new Seen(tenantId, agent)));
    }

    private void record(List<Seen> seen) {
        Instant now = clock.instant();
        // Sorted by key, so that two transactions writing the same agents take their row locks in the same order.
        Map<String, Seen> due = new TreeMap<>();
        for (Seen one : seen) {
            Recorded before = recorded.get(key(one));
            if (before == null
                    || !before.agent().equals(one.agent())
                    || before.at().plus(REFRESH).isBefore(now)) {
                due.put(key(one), one);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                """
                INSERT INTO tenant_agents (tenant_id, user_id, username, user_id_is_number, last_seen_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET username = EXCLUDED.username,
                    user_id_is_number = EXCLUDED.user_id_is_number, last_seen_at = EXCLUDED.last_seen_at
                """,
                due.values().stream()
                        .map(one -> new Object[] {
                            one.tenantId(),
                            one.agent().userId(),
                            one.agent().username(),
                            one.agent().userIdIsNumber() != null,
                            Timestamp.from(now)
                        })
                        .toList());
        Runnable remember = () -> {
            if (recorded.size() > MAX_REMEMBERED) {
                recorded.clear();
            }
            due.forEach((key, one) -> recorded.put(key, new Recorded(one.agent(), now)));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // Only what is committed is remembered: a rolled-back poll records its agents again when retried.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember.run();
                }
            });
        } else {
            remember.run();
        }
    }

    /** The tenant's agent with this user id, as last recorded; empty if the tenant has none such. */
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

    private static String key(Seen seen) {
        return seen.tenantId() + "\n" + seen.agent().userId();
    }
}
