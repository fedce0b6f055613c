package net.fiko.message.unread;

/**
 * What the topology keeps per conversation: the unread count, the highest message sequence counted (a repeated
 * {@code message_created} has a sequence already seen and is not counted twice), and how far agents have read.
 */
record UnreadState(String tenantId, long unread, long lastSequence, long readUpTo) {

    static UnreadState empty(String tenantId) {
        return new UnreadState(tenantId, 0, 0, 0);
    }
}
