package net.fiko.gateway.fanout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest message sequence this instance has fanned out per conversation. The conversation stream is
 * at least once (the outbox relay publishes a batch again when Kafka's acknowledgement is late), and messages of a
 * conversation are numbered without gaps in the order they are published, so a message at or below the highest
 * sequence seen is a repeat: dropping it gives every socket each message once, in order. Bounded: the least recently
 * active conversations are forgotten first, and a forgotten one simply starts again from its next message.
 */
final class DeliveredSequences {

    private final Map<String, Long> highest;

    DeliveredSequences(int conversations) {
        this.highest = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > conversations;
            }
        };
    }

    /** True the first time a conversation's message is seen; false for a repeat or an older message. */
    synchronized boolean firstTime(String conversationId, long sequence) {
        Long seen = highest.get(conversationId);
        if (seen != null && sequence <= seen) {
            return false;
        }
        highest.put(conversationId, sequence);
        return true;
    }
}
