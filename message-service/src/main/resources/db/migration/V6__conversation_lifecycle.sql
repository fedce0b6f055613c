-- A conversation is active (open), resolved by an agent, or snoozed by an agent until snoozed_until; 'closed' was
-- never written.
ALTER TABLE conversations DROP CONSTRAINT conversations_status_check;
ALTER TABLE conversations ADD CONSTRAINT conversations_status_check
    CHECK (status IN ('active', 'resolved', 'snoozed'));
ALTER TABLE conversations ADD COLUMN snoozed_until TIMESTAMPTZ;
ALTER TABLE conversations ADD CONSTRAINT conversations_snoozed_until_check
    CHECK ((status = 'snoozed') = (snoozed_until IS NOT NULL));
-- The snoozes whose time has come, soonest first.
CREATE INDEX conversations_snoozed_until_idx ON conversations (snoozed_until) WHERE status = 'snoozed';
