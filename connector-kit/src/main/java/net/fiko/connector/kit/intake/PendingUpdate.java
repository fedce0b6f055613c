package net.fiko.connector.kit.intake;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An update waiting in a {@link GroupCommit}, and what its caller will be told of it. */
record PendingUpdate<T, R>(T update, CompletableFuture<Optional<R>> outcome) {

    PendingUpdate(T update) {
        this(update, new CompletableFuture<>());
    }
}
