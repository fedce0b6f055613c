-- The agent a conversation is assigned to, as their token names them; null when unassigned.
ALTER TABLE conversations ADD COLUMN assignee_user_id TEXT;
ALTER TABLE conversations ADD COLUMN assignee_username TEXT;
ALTER TABLE conversations ADD COLUMN assignee_user_id_is_number BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX conversations_assignee_idx ON conversations (tenant_id, assignee_user_id);

-- The agents of each tenant, as Fiko has seen them act (write, read, change a conversation): whom a conversation can
-- be assigned to.
CREATE TABLE tenant_agents (
    tenant_id         TEXT        NOT NULL,
    user_id           TEXT        NOT NULL,
    username          TEXT,
    user_id_is_number BOOLEAN     NOT NULL DEFAULT FALSE,
    last_seen_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
