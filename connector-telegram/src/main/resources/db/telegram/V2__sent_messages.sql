-- Agents' messages Telegram accepted, so a redelivered command is not sent twice.
CREATE TABLE sent_messages (
    message_id          TEXT PRIMARY KEY,
    channel_id          TEXT        NOT NULL,
    telegram_message_id BIGINT      NOT NULL,
    attempts            INT         NOT NULL,
    sent_at             TIMESTAMPTZ NOT NULL
);
