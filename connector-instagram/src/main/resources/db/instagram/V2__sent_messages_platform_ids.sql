-- The connector kit's send ledger: the platform's ids of every part of a reply, comma-separated.
ALTER TABLE sent_messages RENAME COLUMN mids TO platform_message_ids;
