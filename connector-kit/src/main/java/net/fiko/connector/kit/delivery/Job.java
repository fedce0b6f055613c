package net.fiko.connector.kit.delivery;

import java.util.ArrayList;
import java.util.List;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.outbound.ReplyRequested;
import org.apache.kafka.common.TopicPartition;

/** One reply on its way: where it stands, what it has cost, and what to do once its result is published. */
final class Job<T> {

    /** The steps a reply goes through, in order. */
    enum Stage {
        /** Not looked at yet: the ledger, then the platform's target. */
        START,
        /** Sending its parts, one by one. */
        SEND,
        /** The platform took every part; the ledger does not have it yet. */
        RECORD,
        /** Its result is known and goes to the delivery results topic. */
        PUBLISH
    }

    final ReplyRequested reply;
    final TopicPartition partition;
    final Runnable finished;
    Stage stage = Stage.START;
    T target;
    List<String> parts;
    final List<String> platformIds = new ArrayList<>();
    int attempts;
    long firstAttemptNanos;
    boolean slotBooked;
    /** Failures of the database or the broker in a row, for the backoff. */
    int infrastructureFailures;

    DeliveryResult result;
    /** Its partition was taken from this instance: it goes no further unless a part already went out. */
    volatile boolean cancelled;
    /** A platform call is under way or something the platform took is not in the ledger yet. */
    volatile boolean critical;

    Job(ReplyRequested reply, TopicPartition partition, Runnable finished) {
        this.reply = reply;
        this.partition = partition;
        this.finished = finished;
    }

    String chat() {
        return reply.channelId() + "/" + reply.externalChatId();
    }
}
