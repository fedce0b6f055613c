-- The businesses using Fiko. A tenant is recorded the first time anything of it arrives.
CREATE TABLE tenants (
    id         TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO tenants (id, created_at)
SELECT tenant_id, min(created_at) FROM conversations GROUP BY tenant_id
UNION
SELECT tenant_id, min(created_at) FROM customers GROUP BY tenant_id
ON CONFLICT (id) DO NOTHING;
ALTER TABLE customers ADD CONSTRAINT customers_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id);
ALTER TABLE conversations ADD CONSTRAINT conversations_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id);

-- A tenant's account on a platform (a Telegram bot, an Instagram account) that customers write to. The connectors
-- own the credentials; message-service keeps what it needs to route replies.
CREATE TABLE channels (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id),
    platform   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO channels (id, tenant_id, platform, created_at)
SELECT DISTINCT ON (channel_id) channel_id, tenant_id, source, created_at
FROM conversations WHERE channel_id IS NOT NULL ORDER BY channel_id, created_at;

-- How far the tenant's agents have read a conversation: customer messages with a higher sequence are unread.
CREATE TABLE conversation_reads (
    conversation_id    UUID PRIMARY KEY REFERENCES conversations (id),
    last_read_sequence BIGINT      NOT NULL,
    read_by_user_id    TEXT        NOT NULL,
    read_at            TIMESTAMPTZ NOT NULL
);

-- Events this service has handled, by event_id, so a redelivered command or message is handled once.
CREATE TABLE consumed_events (
    event_id    TEXT PRIMARY KEY,
    consumed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX consumed_events_consumed_at_idx ON consumed_events (consumed_at);
