-- A tenant's Telegram bot. The token is encrypted at rest (AES-GCM, FIKO_TELEGRAM_TOKEN_KEY) and never leaves this
-- service; webhook_secret comes back from Telegram on every update and proves the update is Telegram's.
CREATE TABLE channels (
    id             TEXT PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    bot_id         BIGINT      NOT NULL,
    bot_username   TEXT,
    token_cipher   BYTEA       NOT NULL,
    webhook_secret TEXT        NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'disconnected')),
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT channels_tenant_bot_uk UNIQUE (tenant_id, bot_id)
);
CREATE INDEX channels_tenant_idx ON channels (tenant_id);

-- Updates already published, per channel: Telegram resends an update until it gets a 2xx, and each is published once.
CREATE TABLE received_updates (
    channel_id  TEXT        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    update_id   BIGINT      NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, update_id)
);
