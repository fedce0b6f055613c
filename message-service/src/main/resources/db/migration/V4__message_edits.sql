-- When the customer last edited the message on their platform; null for a message never edited. Edits older than
-- this one are stale and ignored.
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMPTZ;
