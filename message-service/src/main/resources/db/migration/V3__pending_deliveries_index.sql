-- Agents' messages still waiting for their platform's answer, for the delivery deadline.
CREATE INDEX messages_pending_delivery_idx ON messages (created_at) WHERE delivery_status = 'pending';
