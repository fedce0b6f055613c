package net.fiko.connector.kit.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps sends within a platform's limits before the platform has to refuse them (Telegram: about one message a second
 * per chat and thirty a second per bot). A send whose chat may go books the channel's next free slot and is told how
 * long to wait for it; the caller waits by scheduling, never by holding a thread.
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

    /**
     * A send's turn: when its chat's interval has not passed yet, nothing is booked and it asks again after
     * {@code waitNanos}; else it holds the channel's next free slot, {@code waitNanos} from now (0: now).
     */
    record Slot(long waitNanos, boolean booked) {}

    /**
     * Books the send's slot if its chat may send now. A chat waiting out its own interval books nothing, so it never
     * holds the channel's slots for the other chats meanwhile.
     */
    synchronized Slot book(String channel, String chat) {
        long now = nanoClock.getAsLong();
        if (nextFree.size() > FORGET_ABOVE) {
            nextFree.values().removeIf(free -> free - now <= 0);
        }
        String chatKey = channel + "/" + chat;
        long chatFree = nextFree.getOrDefault(chatKey, now);
        if (chatFree - now > 0) {
            return new Slot(chatFree - now, false);
        }
        long at = later(now, nextFree.getOrDefault(channel, now));
        nextFree.put(chatKey, at + limits.perChat().toNanos());
        nextFree.put(channel, at + limits.perChannel().toNanos());
        return new Slot(at - now, true);
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
