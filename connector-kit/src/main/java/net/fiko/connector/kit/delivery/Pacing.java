package net.fiko.connector.kit.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps sends within a platform's limits before the platform has to refuse them (Telegram: about one message a second
 * per chat and thirty a second per bot). Each send books the next free slot of its chat and of its channel and is
 * told how long to wait for the later; the caller waits by scheduling, never by holding a thread.
 */
public final class Pacing {

    /** At most one send per {@code perChat} in a chat and per {@code perChannel} through a channel (zero: no limit). */
    public record Limits(Duration perChat, Duration perChannel) {

        public static final Limits NONE = new Limits(Duration.ZERO, Duration.ZERO);
    }

    /** Slots already in the past are forgotten once this many keys are remembered. */
    static final int FORGET_ABOVE = 10_000;

    private final Map<String, Long> nextFree = new HashMap<>();
    private final Limits limits;
    private final LongSupplier nanoClock;

    Pacing(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    static Pacing system(Limits limits) {
        return new Pacing(limits, System::nanoTime);
    }

    /** Books the send's slots and returns how long it must wait for them, in nanoseconds (0: it may go now). */
    synchronized long book(String channel, String chat) {
        long now = nanoClock.getAsLong();
        if (nextFree.size() > FORGET_ABOVE) {
            nextFree.values().removeIf(free -> free - now <= 0);
        }
        String chatKey = channel + "/" + chat;
        long at = later(now, later(nextFree.getOrDefault(chatKey, now), nextFree.getOrDefault(channel, now)));
        nextFree.put(chatKey, at + limits.perChat().toNanos());
        nextFree.put(channel, at + limits.perChannel().toNanos());
        return at - now;
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
