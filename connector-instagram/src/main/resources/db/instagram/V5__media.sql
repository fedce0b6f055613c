-- Where each file a customer sent can be fetched (Meta's CDN URL, signed and expiring), under the id its attachment's
-- URL names: the media endpoint fetches a file on first use. Kept as long as the received message ids.
CREATE TABLE media (
    id          TEXT PRIMARY KEY,
    channel_id  TEXT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id   TEXT        NOT NULL,
    source_url  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_received_at ON media (received_at);
