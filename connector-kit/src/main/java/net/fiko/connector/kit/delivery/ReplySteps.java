package net.fiko.connector.kit.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.media.MediaStore;
import net.fiko.connector.kit.platform.PlatformException;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.support.kafka.DeadLettersAutoConfiguration;
import net.fiko.support.kafka.ListenerFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reply, step by step, until its result is known: the ledger, the target, each part in its pacing slot with the
 * ledger around each call, retries. Each step returns when the next may run: {@link #NOW}, after so many nanoseconds,
 * or {@link #FINISHED}. The {@link DeliveryEngine} runs the steps, one chat at a time.
 */
final class ReplySteps<T> {

    static final long NOW = 0;
    static final long FINISHED = -2;

    private static final Logger log = LoggerFactory.getLogger(ReplySteps.class);

    private final ReplySender<T> sender;
    private final SendLedger ledger;
    private final Clock clock;
    private final Duration retryFor;
    private final DeliveryProperties.InDoubt inDoubt;
    private final Pacing pacing;
    private final MediaStore media;

    ReplySteps(ReplySender<T> sender, SendLedger ledger, MediaStore media, Clock clock, DeliveryProperties properties) {
        this.sender = sender;
        this.media = media;
        this.ledger = ledger;
        this.clock = clock;
        this.retryFor = properties.retryFor();
        this.inDoubt = properties.inDoubt();
        this.pacing = Pacing.system(sender.limits());
    }

    /** Runs the reply's step before publishing; a failure of the database or the broker is the caller's to report. */
    long step(Job<T> job) {
        return switch (job.stage) {
            case START -> start(job);
            case SEND -> send(job);
            case RECORD -> record(job);
            case PUBLISH -> throw new IllegalStateException("publishing is the engine's step");
        };
    }

    private long start(Job<T> job) {
        String messageId = job.reply.messageId();
        Optional<SendLedger.Entry> known = ledger.find(messageId);
        SendLedger.State state = known.map(SendLedger.Entry::state).orElse(null);
        if (state == SendLedger.State.SENT) {
            return result(
                    job,
                    succeeded(job, last(known.get().platformIds()), known.get().attempts()));
        }
        known.ifPresent(entry -> {
            job.platformIds.addAll(entry.platformIds());
            job.attempts = entry.attempts();
        });
        if (state == SendLedger.State.UNRECORDED) {
            job.critical = true;
            job.stage = Job.Stage.RECORD;
            return NOW;
        }
        if (state == SendLedger.State.CALLING) {
            log.warn("Message {} is in doubt: a call was under way when its connector stopped", messageId);
            if (inDoubt == DeliveryProperties.InDoubt.FAIL) {
                return result(
                        job, failed(job, DeliveryProperties.InDoubt.REASON, DeliveryFailed.IN_DOUBT, job.attempts));
            }
        }
        Target<T> target = sender.target(job.reply);
        if (target instanceof Target.Refused<T> refused) {
            return result(job, failed(job, refused.reason(), refused.code(), 1));
        }
        job.target = ((Target.Ready<T>) target).value();
        Target<List<Part>> parts = ReplyParts.of(job.reply, sender, media);
        if (parts instanceof Target.Refused<List<Part>> refused) {
            return result(job, failed(job, refused.reason(), refused.code(), 1));
        }
        job.parts = ((Target.Ready<List<Part>>) parts).value();
        if (job.platformIds.size() >= job.parts.size()) {
            job.critical = true;
            job.stage = Job.Stage.RECORD;
            return NOW;
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
        String messageId = job.reply.messageId();
        String channelId = job.reply.channelId();
        // In the ledger before the call: if this process dies before the answer, the reply is known to be in doubt.
        ledger.calling(messageId, channelId, job.platformIds, job.attempts + 1, clock.instant());
        job.critical = true;
        job.attempts++;
        String platformId;
        try {
            platformId = sender.send(job.target, job.parts.get(job.platformIds.size()));
        } catch (PlatformException e) {
            // Answered, so not in doubt: the row says so before the reply waits or fails.
            ledger.between(messageId, channelId, job.platformIds, job.attempts, clock.instant());
            job.critical = !job.platformIds.isEmpty();
            PlatformFailure failure = e.failure();
            if (failure.retryable() && System.nanoTime() - job.firstAttemptNanos < retryFor.toNanos()) {
                log.debug("Retrying message {}: {}", messageId, e.getMessage());
                return Backoff.platform(failure, job.attempts).toNanos();
            }
            PlatformFailure told = sender.failed(job.target, failure);
            job.critical = false;
            return result(job, failed(job, told.reason(), told.code(), job.attempts));
        }
        job.platformIds.add(platformId);
        if (job.platformIds.size() < job.parts.size()) {
            // The next part waits for its chat's pacing slot: meanwhile nothing is under way.
            ledger.between(messageId, channelId, job.platformIds, job.attempts, clock.instant());
            return NOW;
        }
        // Kept until the ledger has it: if the database fails now, the reply is recorded later, never sent again.
        ledger.took(messageId, job.platformIds, job.attempts);
        job.stage = Job.Stage.RECORD;
        // At once, on this thread: until the ledger has it, a crash of this process leaves it in doubt.
        return record(job);
    }

    private long record(Job<T> job) {
        ledger.sent(job.reply.messageId(), job.reply.channelId(), job.platformIds, job.attempts, clock.instant());
        job.critical = false;
        return result(job, succeeded(job, last(job.platformIds), job.attempts));
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
    long infrastructureFailure(Job<T> job, Throwable failure) {
        job.infrastructureFailures++;
        ListenerFailures.Kind kind = ListenerFailures.classify(failure);
        if (kind == ListenerFailures.Kind.TRANSIENT
                || (kind == ListenerFailures.Kind.UNKNOWN
                        && job.infrastructureFailures <= DeadLettersAutoConfiguration.UNKNOWN_FAILURE_RETRIES)) {
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

    private DeliveryResult succeeded(Job<T> job, String platformId, int attempts) {
        return job.reply.succeeded(sender.platform(), platformId, attempts, clock.instant());
    }

    private DeliveryResult failed(Job<T> job, String reason, String code, int attempts) {
        return job.reply.failed(sender.platform(), reason, code, attempts, clock.instant());
    }

    private static String last(List<String> platformIds) {
        return platformIds.get(platformIds.size() - 1);
    }
}
