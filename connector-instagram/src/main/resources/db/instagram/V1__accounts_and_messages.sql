-- A tenant's Instagram professional account. The access token and the app secret are encrypted at rest (AES-GCM,
-- FIKO_INSTAGRAM_SECRET_KEY) and never leave this service. account_id is Instagram's id of the account: the entry.id
-- of webhooks, so an account belongs to one tenant.
CREATE TABLE accounts (
    id                TEXT PRIMARY KEY,
    tenant_id         TEXT        NOT NULL,
    account_id        TEXT        NOT NULL UNIQUE,
    username          TEXT,
    token_cipher      BYTEA       NOT NULL,
    app_secret_cipher BYTEA       NOT NULL,
    verify_token      TEXT        NOT NULL,
    human_agent_tag   BOOLEAN     NOT NULL DEFAULT false,
    status            TEXT        NOT NULL DEFAULT 'connected'
                      CHECK (status IN ('connected', 'reauthorization_required')),
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX accounts_tenant_idx ON accounts (tenant_id);

-- Message ids already published: Meta delivers a webhook until it gets a 200, and each message is published once.
CREATE TABLE received_mids (
    mid         TEXT PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL
);

-- Agents' messages Meta accepted, so a redelivered command is not sent twice, and the ids of what was sent, so the
-- echoes of our own messages are dropped.
CREATE TABLE sent_messages (
    message_id TEXT PRIMARY KEY,
    channel_id TEXT        NOT NULL,
    mids       TEXT        NOT NULL,
    attempts   INT         NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL
);
CREATE TABLE sent_mids (
    mid        TEXT PRIMARY KEY,
    message_id TEXT        NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL
);
-- Sends under way: an echo that arrives before its send is recorded waits for it instead of becoming a message.
CREATE TABLE sends_in_flight (
    message_id   TEXT PRIMARY KEY,
    recipient_id TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sends_in_flight_recipient_idx ON sends_in_flight (recipient_id);

-- Each conversation's customer: where replies and typing go, when they last wrote (the 24-hour window), and their
-- profile as last fetched from the Graph API.
CREATE TABLE customers (
    conversation_id    TEXT PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    channel_id         TEXT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    igsid              TEXT        NOT NULL,
    last_message_at    TIMESTAMPTZ,
    name               TEXT,
    username           TEXT,
    profile_fetched_at TIMESTAMPTZ
);
