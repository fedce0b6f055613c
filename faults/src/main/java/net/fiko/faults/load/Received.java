package net.fiko.faults.load;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What one socket received of its chat: every message id and sequence, the repeats and those out of order. */
final class Received {

    private final Set<String> ids = new HashSet<>();
    private final BitSet sequences = new BitSet();
    private long firstSequence = -1;
    private long highestSequence;
    private String highestId;
    private long repeats;
    private long outOfOrder;

    /** Takes a message; false if it is a repeat. {@code checkOrder}: it came live or resumed, not as a first history. */
    boolean add(JsonNode message, boolean checkOrder) {
        String id = message.path("id").asString();
        long sequence = message.path("sequence").asLong();
        if (!ids.add(id)) {
            repeats++;
            return false;
        }
        if (firstSequence < 0) {
            firstSequence = sequence;
        }
        if (checkOrder && sequence < highestSequence) {
            outOfOrder++;
        }
        sequences.set((int) sequence);
        if (sequence > highestSequence) {
            highestSequence = sequence;
            highestId = id;
        }
        return true;
    }

    /** The messages from the first one received up to {@code lastSequence} that never came. */
    long missing(long lastSequence) {
        long missing = 0;
        for (long sequence = Math.max(firstSequence, 1); sequence <= lastSequence; sequence++) {
            if (!sequences.get((int) sequence)) {
                missing++;
            }
        }
        return missing;
    }

    long firstSequence() {
        return firstSequence;
    }

    long highestSequence() {
        return highestSequence;
    }

    String highestId() {
        return highestId;
    }

    long repeats() {
        return repeats;
    }

    long outOfOrder() {
        return outOfOrder;
    }
}
