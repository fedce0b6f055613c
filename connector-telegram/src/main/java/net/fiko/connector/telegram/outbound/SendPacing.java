package net.fiko.connector.telegram.outbound;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps sends within Telegram's limits before Telegram has to refuse them: about one message a second per chat and
 * thirty a second per bot. Each send takes the next free slot of its chat and of its bot and waits for the later.
 */
final class SendPacing {

    static final Duration PER_CHAT = Duration.ofSeconds(1);
    static final Duration PER_BOT = Duration.ofMillis(1000 / 30 + 1);
    /** Slots already in the past are forgotten once this many chats are remembered. */
    static final int FORGET_ABOVE = 10_000;

    private final Map<String, Long> nextFree = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    SendPacing(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long the send must wait, having booked its slots (0 when it may go now). */
    synchronized long book(String channelId, long chatId) {
        long now = nanoClock.getAsLong();
        if (nextFree.size() > FORGET_ABOVE) {
            nextFree.values().removeIf(free -> free <= now);
        }
        String chat = channelId + "/" + chatId;
        long at = Math.max(now, Math.max(nextFree.getOrDefault(chat, now), nextFree.getOrDefault(channelId, now)));
        nextFree.put(chat, at + PER_CHAT.toNanos());
        nextFree.put(channelId, at + PER_BOT.toNanos());
        return at - now;
    }

    /** How long a send to this chat would wait now, booking nothing. */
    synchronized long delay(String channelId, long chatId) {
        long now = nanoClock.getAsLong();
        long at = Math.max(
                now,
                Math.max(nextFree.getOrDefault(channelId + "/" + chatId, now), nextFree.getOrDefault(channelId, now)));
        return at - now;
    }

    /** Books the slots and waits for them. */
    void await(String channelId, long chatId) {
        long wait = book(channelId, chatId);
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    static SendPacing system() {
        return new SendPacing(System::nanoTime);
    }
}
