-- Where each conversation's customer is on Telegram, learned from their messages and from agents' replies: an
-- agent's typing is shown there.
CREATE TABLE chats (
    conversation_id TEXT PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    channel_id      TEXT        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    chat_id         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
