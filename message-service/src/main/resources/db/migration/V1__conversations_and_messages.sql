-- Customers of a tenant as a platform knows them: the same Telegram user writing to two businesses is two customers.
CREATE TABLE customers (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    platform    TEXT        NOT NULL,
    external_id TEXT        NOT NULL,
    first_name  TEXT,
    last_name   TEXT,
    username    TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT customers_tenant_platform_external_uk UNIQUE (tenant_id, platform, external_id)
);

-- One conversation per customer of a tenant on a platform; its id is derived from the three (ConversationIds).
CREATE TABLE conversations (
    id               UUID PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    customer_id      BIGINT      NOT NULL REFERENCES customers (id),
    source           TEXT        NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    title            TEXT        NOT NULL,
    channel_id       TEXT,
    external_chat_id TEXT,
    last_sequence    BIGINT      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversations_tenant_updated_idx ON conversations (tenant_id, updated_at DESC);

-- Messages, numbered per conversation without gaps (sequence), deduplicated by the platform's id for customers'
-- messages and by the client's id for agents' messages.
CREATE TABLE messages (
    id                  UUID PRIMARY KEY,
    conversation_id     UUID        NOT NULL REFERENCES conversations (id),
    sequence            BIGINT      NOT NULL,
    type                TEXT        NOT NULL CHECK (type IN ('customer', 'support')),
    content             TEXT        NOT NULL,
    attachments         TEXT        NOT NULL DEFAULT '[]',
    sender_user_id      TEXT,
    sender_username     TEXT,
    client_msg_id       TEXT,
    platform_message_id TEXT,
    delivery_status     TEXT        NOT NULL CHECK (delivery_status IN ('pending', 'sent', 'failed', 'delivered')),
    delivery_reason     TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT messages_conversation_sequence_uk UNIQUE (conversation_id, sequence)
);
CREATE UNIQUE INDEX messages_client_msg_id_uk
    ON messages (conversation_id, sender_user_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE UNIQUE INDEX messages_platform_message_id_uk
    ON messages (conversation_id, platform_message_id) WHERE platform_message_id IS NOT NULL AND type = 'customer';

-- Transactional outbox: events are written in the same transaction as the state they describe and published to
-- Kafka, in id order, by OutboxRelay.
CREATE TABLE outbox_events (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
