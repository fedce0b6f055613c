package net.fiko.connector.kit.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.connector.kit.platform.PlatformException;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.kafka.ListenerFailures;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers replies chat by chat on a small pool of workers. Each chat is a line: its replies go one at a time, in
 * order, paced to the platform's limits; any number of chats go side by side, so a chat with a backlog (an agent's
 * resends after an outage arrive together) never holds the others. Every wait (a pacing slot, a platform's
 * {@code retry_after}, a backoff while the platform, the database or the broker is away) is a scheduled wake-up, not a
 * parked thread, and holds only its own chat.
 *
 * <p>A reply is looked up in the {@link SendLedger} first; the platform's ids go to the ledger once the platform took
 * every part, and to memory until the ledger has them, so a database failure after a send never sends it again. A
 * platform failure is retried for {@code retryFor} from the first attempt, then the reply fails with the platform's
 * reason; the database and the broker are waited for as long as they are away.
 */
final class DeliveryEngine<T> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final long NOW = 0;
    private static final long PARKED = -1;
    private static final long FINISHED = -2;
    /** Failures of unknown cause a reply survives before it fails. */
    static final int UNKNOWN_FAILURE_RETRIES = 5;

    private final ReplySender<T> sender;
    private final SendLedger ledger;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration retryFor;
    private final Pacing pacing;
    private final ScheduledExecutorService workers;
    /** Chats with replies in hand; guarded by {@code this}. */
    private final Map<String, Line<T>> lines = new HashMap<>();
    /** Replies the platform took whose ledger row is not written yet: never sent again while this process lives. */
    private final Map<String, Sent> sentNotRecorded = new ConcurrentHashMap<>();

    DeliveryEngine(
            ReplySender<T> sender,
            SendLedger ledger,
            EventPublisher events,
            Clock clock,
            Duration retryFor,
            ScheduledExecutorService workers) {
        this.sender = sender;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.retryFor = retryFor;
        this.pacing = Pacing.system(sender.limits());
        this.workers = workers;
    }

    /** Takes a reply into its chat's line; {@link Job#finished} runs once its result is published. */
    void submit(Job<T> job) {
        synchronized (this) {
            Line<T> line = lines.computeIfAbsent(job.chat(), Line::new);
            line.jobs.add(job);
            if (line.scheduled) {
                return;
            }
            line.scheduled = true;
            wake(line, NOW);
        }
    }

    /**
     * Drops the replies of partitions this instance no longer owns: those waiting go at once, and this waits (at most
     * {@code atMost}) for the ones with a platform call under way or a send not yet in the ledger, so the partitions'
     * new owner finds them in the ledger rather than sending them again. Returns the replies dropped at once.
     */
    int cancel(Set<TopicPartition> revoked, Duration atMost) {
        List<Job<T>> dropped = new ArrayList<>();
        List<Job<T>> underWay = new ArrayList<>();
        synchronized (this) {
            for (Line<T> line : lines.values()) {
                Job<T> head = line.jobs.peekFirst();
                for (Iterator<Job<T>> jobs = line.jobs.iterator(); jobs.hasNext(); ) {
                    Job<T> job = jobs.next();
                    if (!revoked.contains(job.partition)) {
                        continue;
                    }
                    job.cancelled = true;
                    if (job != head) {
                        jobs.remove();
                        dropped.add(job);
                    } else {
                        underWay.add(job);
                        if (line.wake != null && line.wake.cancel(false)) {
                            wake(line, NOW); // it was waiting: let it go now rather than hold its chat
                        }
                    }
                }
            }
        }
        dropped.forEach(job -> job.finished.run());
        long deadline = System.nanoTime() + atMost.toNanos();
        while (underWay.stream().anyMatch(job -> job.critical) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return dropped.size();
    }

    private void run(Line<T> line) {
        Job<T> job;
        synchronized (this) {
            line.wake = null;
            job = line.jobs.peekFirst();
            if (job == null) {
                line.scheduled = false;
                lines.remove(line.chat, line);
                return;
            }
        }
        long next;
        try {
            next = step(job, line);
        } catch (RuntimeException failure) {
            next = infrastructureFailure(job, failure);
        }
        if (next == FINISHED) {
            finish(line, job);
        } else if (next != PARKED) {
            synchronized (this) {
                wake(line, next);
            }
        }
    }

    private long step(Job<T> job, Line<T> line) {
        if (job.cancelled && !job.critical) {
            return FINISHED;
        }
        return switch (job.stage) {
            case START -> start(job);
            case SEND -> send(job);
            case RECORD -> record(job);
            case PUBLISH -> publish(job, line);
        };
    }

    private long start(Job<T> job) {
        String messageId = job.reply.messageId();
        Sent unrecorded = sentNotRecorded.get(messageId);
        if (unrecorded != null) {
            job.platformIds.addAll(unrecorded.platformIds());
            job.attempts = unrecorded.attempts();
            job.critical = true;
            job.stage = Job.Stage.RECORD;
            return NOW;
        }
        Optional<List<String>> sent = ledger.sent(messageId);
        if (sent.isPresent()) {
            return result(job, succeeded(job, last(sent.get()), 1));
        }
        Target<T> target = sender.target(job.reply);
        if (target instanceof Target.Refused<T> refused) {
            return result(job, failed(job, refused.reason(), refused.code(), 1));
        }
        job.target = ((Target.Ready<T>) target).value();
        job.parts = sender.parts(job.reply.content());
        if (job.parts.isEmpty()) {
            return result(job, failed(job, "The message has no text to send", "empty", 1));
        }
        job.firstAttemptNanos = System.nanoTime();
        job.stage = Job.Stage.SEND;
        return NOW;
    }

    private long send(Job<T> job) {
        if (!job.slotBooked) {
            Pacing.Slot slot = pacing.book(job.reply.channelId(), job.reply.externalChatId());
            job.slotBooked = slot.booked();
            if (slot.waitNanos() > 0) {
                return slot.waitNanos();
            }
        }
        job.slotBooked = false;
        job.attempts++;
        job.critical = true;
        String platformId;
        try {
            platformId = sender.send(job.target, job.parts.get(job.platformIds.size()));
        } catch (PlatformException e) {
            job.critical = !job.platformIds.isEmpty();
            PlatformFailure failure = e.failure();
            if (failure.retryable() && System.nanoTime() - job.firstAttemptNanos < retryFor.toNanos()) {
                log.debug("Retrying message {}: {}", job.reply.messageId(), e.getMessage());
                return Backoff.platform(failure, job.attempts).toNanos();
            }
            PlatformFailure told = sender.failed(job.target, failure);
            job.critical = false;
            return result(job, failed(job, told.reason(), told.code(), job.attempts));
        }
        job.platformIds.add(platformId);
        if (job.platformIds.size() < job.parts.size()) {
            return NOW;
        }
        // Kept until the ledger has it: if the database fails now, the reply is recorded later, never sent again.
        sentNotRecorded.put(job.reply.messageId(), new Sent(List.copyOf(job.platformIds), job.attempts));
        job.stage = Job.Stage.RECORD;
        return NOW;
    }

    private long record(Job<T> job) {
        ledger.record(job.reply.messageId(), job.reply.channelId(), job.platformIds, job.attempts, clock.instant());
        sentNotRecorded.remove(job.reply.messageId());
        job.critical = false;
        return result(job, succeeded(job, last(job.platformIds), job.attempts));
    }

    private long publish(Job<T> job, Line<T> line) {
        if (job.cancelled) {
            return FINISHED; // the partition's new owner finds it in the ledger, or sends it, and reports it
        }
        events.publish(Topics.DELIVERY_RESULTS, job.result).whenComplete((published, failure) -> {
            if (failure == null) {
                finish(line, job);
            } else {
                long wait = infrastructureFailure(job, failure);
                if (wait == FINISHED) {
                    finish(line, job);
                } else {
                    synchronized (this) {
                        wake(line, wait);
                    }
                }
            }
        });
        return PARKED;
    }

    private long result(Job<T> job, DeliveryResult result) {
        job.result = result;
        job.stage = Job.Stage.PUBLISH;
        return NOW;
    }

    /**
     * The database or the broker failed the reply's step: wait and try the step again for as long as they are away; a
     * failure of unknown cause a few times; then the reply fails, and the chat goes on.
     */
    private long infrastructureFailure(Job<T> job, Throwable failure) {
        job.infrastructureFailures++;
        ListenerFailures.Kind kind = ListenerFailures.classify(failure);
        if (kind == ListenerFailures.Kind.TRANSIENT
                || (kind == ListenerFailures.Kind.UNKNOWN && job.infrastructureFailures <= UNKNOWN_FAILURE_RETRIES)) {
            if (job.infrastructureFailures == 1) {
                log.warn("Message {} waits ({}): {}", job.reply.messageId(), job.stage, failure.toString());
            }
            return Backoff.infrastructure(job.infrastructureFailures).toNanos();
        }
        if (job.stage == Job.Stage.PUBLISH) {
            // Its result cannot be published: the message's delivery deadline in message-service reports it.
            log.error("The result of message {} cannot be published and is dropped", job.reply.messageId(), failure);
            return FINISHED;
        }
        job.critical = false;
        job.infrastructureFailures = 0;
        if (job.stage == Job.Stage.RECORD) {
            // The platform took it; only the ledger refuses it. Memory keeps it from going twice in this process.
            log.error("Message {} was sent but cannot be recorded", job.reply.messageId(), failure);
            return result(job, succeeded(job, last(job.platformIds), job.attempts));
        }
        log.error("Message {} failed in {} and will not be retried", job.reply.messageId(), job.stage, failure);
        return result(job, failed(job, "Fiko could not send the message", "internal", Math.max(job.attempts, 1)));
    }

    private void finish(Line<T> line, Job<T> job) {
        synchronized (this) {
            line.jobs.remove(job);
            job.critical = false;
            wake(line, NOW);
        }
        job.finished.run();
    }

    /** Runs the line's next step after {@code nanos}; called holding {@code this}. */
    private void wake(Line<T> line, long nanos) {
        try {
            if (nanos <= 0) {
                line.wake = null;
                workers.execute(() -> run(line));
            } else {
                line.wake = workers.schedule(() -> run(line), nanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            line.scheduled = false;
        }
    }

    private DeliveryResult succeeded(Job<T> job, String platformId, int attempts) {
        return job.reply.succeeded(sender.platform(), platformId, attempts, clock.instant());
    }

    private DeliveryResult failed(Job<T> job, String reason, String code, int attempts) {
        return job.reply.failed(sender.platform(), reason, code, attempts, clock.instant());
    }

    private static String last(List<String> platformIds) {
        return platformIds.get(platformIds.size() - 1);
    }

    /** One chat's replies, in order; at most one step of it runs at a time. */
    private static final class Line<T> {
        final String chat;
        final ArrayDeque<Job<T>> jobs = new ArrayDeque<>();
        /** A step is queued or running. */
        boolean scheduled;
        /** The timed wake-up the line waits for, if any. */
        Future<?> wake;

        Line(String chat) {
            this.chat = chat;
        }
    }

    /** A reply the platform took: the ids of its parts, the attempts it took. */
    private record Sent(List<String> platformIds, int attempts) {}
}
