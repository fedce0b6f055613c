-- One conversation per customer on each of the tenant's channels (a customer writing to two bots has two
-- conversations, each answered through its own bot). Connectors now derive a conversation's id from the tenant, the
-- platform, the channel and the customer (net.fiko.events.ConversationIds); before, the channel was not part of it.

-- The id ConversationIds derives: a name-based UUID (version 3, MD5) of the same name, byte for byte.
CREATE FUNCTION fiko_conversation_id(tenant TEXT, platform TEXT, channel TEXT, customer TEXT) RETURNS UUID
    LANGUAGE SQL IMMUTABLE STRICT AS $$
    SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)
            || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18))::uuid
    FROM (SELECT md5(convert_to('fiko:conversation:' || tenant || ':' || platform || ':' || channel || ':' || customer,
                                'UTF8')) AS h) AS hashed
$$;

-- Conversations opened before keep their id, clients' links and every event about them: the id a connector now
-- derives for their customer on the channel they last wrote through names them. A customer who had written through
-- two channels gets a new conversation on the other one with their next message there.
CREATE TABLE conversation_aliases (
    alias           UUID PRIMARY KEY,
    conversation_id UUID NOT NULL REFERENCES conversations (id)
);
INSERT INTO conversation_aliases (alias, conversation_id)
SELECT fiko_conversation_id(c.tenant_id, c.source, c.channel_id, cu.external_id), c.id
FROM conversations c JOIN customers cu ON cu.id = c.customer_id
WHERE c.channel_id IS NOT NULL
ON CONFLICT (alias) DO NOTHING;

-- A conversation's channel is where its replies go and never changes: at most one per customer and channel.
CREATE UNIQUE INDEX conversations_customer_channel_uk ON conversations (customer_id, channel_id);
