-- The connector kit's send ledger: the platform's ids of every part of a reply, comma-separated.
ALTER TABLE sent_messages ALTER COLUMN telegram_message_id TYPE TEXT;
ALTER TABLE sent_messages RENAME COLUMN telegram_message_id TO platform_message_ids;
