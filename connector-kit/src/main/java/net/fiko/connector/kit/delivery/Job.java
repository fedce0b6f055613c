package net.fiko.connector.kit.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.support.observability.LogContext;
import net.fiko.support.observability.Traces;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One reply on its way: where it stands, what it has cost, and what to do once its result is published. */
final class Job<T> {

    private static final Logger log = LoggerFactory.getLogger(Job.class);

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
    /** The W3C traceparent its command came with, or null: each step is a span of that trace. */
    final String traceParent;

    Stage stage = Stage.START;
    T target;
    List<Part> parts;
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

    Job(ReplyRequested reply, TopicPartition partition, Runnable finished, String traceParent) {
        this.traceParent = traceParent;
        this.reply = reply;
        this.partition = partition;
        this.finished = finished;
    }

    /**
     * Runs a step of this reply as a span of its trace, its ids in the log lines meanwhile: the platform call and the
     * published result carry the trace on.
     */
    long traced(Traces traces, LongSupplier step) {
        return traces.continueFrom("fiko.delivery.step", traceParent, () -> {
            try (var context = LogContext.of(reply)) {
                log.debug("Message {}: {}", reply.messageId(), stage);
                return step.getAsLong();
            }
        });
    }

    String chat() {
        return reply.channelId() + "/" + reply.externalChatId();
    }
}
