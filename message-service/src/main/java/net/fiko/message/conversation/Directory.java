package net.fiko.message.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import net.fiko.events.Platform;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records tenants and channels the first time something of theirs arrives. */
@Component
class Directory {

    private final JdbcTemplate jdbc;

    Directory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordTenant(String tenantId, Instant now) {
        jdbc.update(
                "INSERT INTO tenants (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                tenantId,
                Timestamp.from(now));
    }

    void recordChannel(String channelId, String tenantId, Platform platform, Instant now) {
        if (channelId == null) {
            return;
        }
        jdbc.update(
                "INSERT INTO channels (id, tenant_id, platform, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                channelId,
                tenantId,
                platform.wireName(),
                Timestamp.from(now));
    }
}
