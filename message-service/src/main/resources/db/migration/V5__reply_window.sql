-- The last moment the platform accepts an agent's reply (Instagram's 24-hour window, from the connector); null where
-- replies are not limited.
ALTER TABLE conversations ADD COLUMN reply_allowed_until TIMESTAMPTZ;
