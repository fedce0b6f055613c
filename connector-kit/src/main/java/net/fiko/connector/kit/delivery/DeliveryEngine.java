package net.fiko.connector.kit.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.events.Topics;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.observability.Traces;
import org.apache.kafka.common.TopicPartition;

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

    private static final long NOW = ReplySteps.NOW;
    private static final long PARKED = -1;
    private static final long FINISHED = ReplySteps.FINISHED;

    private final ReplySteps<T> steps;
    private final EventPublisher events;
    private final ScheduledExecutorService workers;
    private final DeliveryMeters meters;
    private final Traces traces;
    /** Chats with replies in hand; guarded by {@code this}. */
    private final Map<String, Line<T>> lines = new HashMap<>();

    DeliveryEngine(
            ReplySender<T> sender,
            SendLedger ledger,
            MediaStore media,
            EventPublisher events,
            Clock clock,
            DeliveryProperties properties,
            ScheduledExecutorService workers,
            MeterRegistry meters,
            Traces traces) {
        this.traces = traces;
        this.steps = new ReplySteps<>(sender, ledger, media, clock, properties);
        this.meters = new DeliveryMeters(meters, sender.platform().name());
        this.events = events;
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
        // On the consumer's thread, inside the rebalance, bounded by fiko.delivery.hand-over-wait (at most a minute):
        // the calls under way are HTTP calls with their own timeouts, and nothing here waits for a backoff.
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
            next = steps.infrastructureFailure(job, failure);
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
        return job.traced(traces, () -> job.stage == Job.Stage.PUBLISH ? publish(job, line) : steps.step(job));
    }

    private long publish(Job<T> job, Line<T> line) {
        if (job.cancelled) {
            return FINISHED; // the partition's new owner finds it in the ledger, or sends it, and reports it
        }
        events.publish(Topics.DELIVERY_RESULTS, job.result).whenComplete((published, failure) -> {
            if (failure == null) {
                meters.published(job.result);
                finish(line, job);
            } else {
                long wait = steps.infrastructureFailure(job, failure);
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
}
