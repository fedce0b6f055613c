package net.fiko.connector.kit.delivery;

import java.util.TreeMap;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Which of a partition's records are finished, so its offset is committed only past records that are: replies finish
 * out of order (chats go side by side), and a committed offset says every record before it is done. A record finished
 * acknowledges the last record of the finished run at the front, which commits up to it on the consumer's thread.
 * Once the partition is taken from this instance, nothing of it is acknowledged any more.
 */
final class PartitionProgress {

    /** A record in hand. */
    static final class Entry {
        private final Acknowledgment acknowledgment;
        private boolean done;

        private Entry(Acknowledgment acknowledgment) {
            this.acknowledgment = acknowledgment;
        }
    }

    private final TreeMap<Long, Entry> open = new TreeMap<>();
    private long highest = -1;
    private boolean revoked;

    /** Whether the record at this offset was taken already (the container redelivers after a failure). */
    synchronized boolean seen(long offset) {
        return offset <= highest;
    }

    /** Takes the record in hand, or returns {@code null} when it was taken already or the partition is gone. */
    synchronized Entry take(long offset, Acknowledgment acknowledgment) {
        if (revoked || offset <= highest) {
            return null;
        }
        highest = offset;
        Entry entry = new Entry(acknowledgment);
        open.put(offset, entry);
        return entry;
    }

    /** The record is finished: commit past every finished record at the front. */
    synchronized void done(Entry entry) {
        entry.done = true;
        Acknowledgment last = null;
        while (!open.isEmpty() && open.firstEntry().getValue().done) {
            last = open.pollFirstEntry().getValue().acknowledgment;
        }
        if (last != null && !revoked) {
            last.acknowledge();
        }
    }

    /** The partition went to another consumer: what is finished from now on is not committed by this one. */
    synchronized void revoke() {
        revoked = true;
        open.clear();
    }
}
