package net.fiko.connector.kit.intake;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link GroupCommit}'s work on one batch, run in its transaction: the updates' statements (one round trip for all of
 * them where it can), then their Kafka sends handed to {@code sends}; returns what became of each update, in their
 * order (never null), told to each caller once the batch has committed.
 */
@FunctionalInterface
public interface BatchStage<T, R> {

    List<R> stage(List<T> updates, Consumer<CompletableFuture<?>> sends);
}
