-- Every stored message's conversation snapshot carries its unread count: the customer's messages after the last one
-- Kafka Streams counted (or after the agents' read mark). Through the (conversation_id, sequence) key that count also
-- read every agent's message after that point, a cost that grew with each reply. This index holds the customer's
-- messages alone, so the count reads only the messages it counts.
CREATE INDEX messages_customer_sequence_idx ON messages (conversation_id, sequence) WHERE type = 'customer';
