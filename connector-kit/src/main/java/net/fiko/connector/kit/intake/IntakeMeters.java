package net.fiko.connector.kit.intake;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * What an operator sees of a group commit, tagged {@code intake=<name>}: {@code fiko.intake.batch.updates} (updates
 * per batch), {@code fiko.intake.batch} (a batch from its first statement to its commit), {@code
 * fiko.intake.batch.ack} (its wait for Kafka), {@code fiko.intake.update} (a webhook's wait in {@link GroupCommit#take}) and
 * {@code fiko.intake.waiting} (updates queued for the next batch).
 */
record IntakeMeters(DistributionSummary updates, Timer batches, Timer acks, Timer taken) {

    static IntakeMeters of(String name, MeterRegistry registry, GroupCommit<?, ?> commit) {
        Tags tags = Tags.of("intake", name);
        Gauge.builder("fiko.intake.waiting", commit, GroupCommit::waiting)
                .tags(tags)
                .description("Updates waiting for the next batch")
                .register(registry);
        return new IntakeMeters(
                DistributionSummary.builder("fiko.intake.batch.updates")
                        .tags(tags)
                        .description("Updates recorded in one transaction")
                        .register(registry),
                Timer.builder("fiko.intake.batch")
                        .tags(tags)
                        .description("A batch from its first statement to its commit")
                        .register(registry),
                Timer.builder("fiko.intake.batch.ack")
                        .tags(tags)
                        .description("A batch's wait for Kafka's acknowledgements")
                        .register(registry),
                Timer.builder("fiko.intake.update")
                        .tags(tags)
                        .description("An update's wait from its arrival to its batch's commit")
                        .register(registry));
    }
}
