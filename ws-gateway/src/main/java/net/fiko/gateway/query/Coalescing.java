package net.fiko.gateway.query;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Shares queries that ask the same thing at the same time. While a query for a key is in flight, later asks for that
 * key wait together and share one next query, sent when the one in flight returns: at most two queries per key at
 * any moment, however many ask. Every ask gets an answer read after it asked, never one read before, so a socket
 * that asked after a change sees the change.
 */
final class Coalescing<K, V> {

    private final Map<K, Round<V>> rounds = new HashMap<>();

    /** The answer to {@code key}: from {@code query}, shared with the others that ask for it meanwhile. */
    CompletableFuture<V> ask(K key, Supplier<CompletableFuture<V>> query) {
        synchronized (this) {
            Round<V> round = rounds.get(key);
            if (round != null) {
                if (round.next == null) {
                    round.next = new CompletableFuture<>();
                }
                return round.next;
            }
            rounds.put(key, new Round<>());
        }
        return send(key, query);
    }

    /** How many keys have a query in flight. */
    synchronized int inFlight() {
        return rounds.size();
    }

    private CompletableFuture<V> send(K key, Supplier<CompletableFuture<V>> query) {
        CompletableFuture<V> answer;
        try {
            answer = query.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, failure) -> {
            CompletableFuture<V> waiting;
            synchronized (this) {
                Round<V> round = rounds.get(key);
                waiting = round.next;
                if (waiting == null) {
                    rounds.remove(key);
                    return;
                }
                round.next = null;
            }
            send(key, query).whenComplete((next, nextFailure) -> {
                if (nextFailure != null) {
                    waiting.completeExceptionally(nextFailure);
                } else {
                    waiting.complete(next);
                }
            });
        });
        return answer;
    }

    /** A key's query in flight, and the asks waiting for the next one. */
    private static final class Round<V> {
        private CompletableFuture<V> next;
    }
}
