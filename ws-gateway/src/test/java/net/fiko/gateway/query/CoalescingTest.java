package net.fiko.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CoalescingTest {

    final Coalescing<String, String> coalescing = new Coalescing<>();
    final List<CompletableFuture<String>> sent = new ArrayList<>();

    CompletableFuture<String> ask(String key) {
        return coalescing.ask(key, () -> {
            var query = new CompletableFuture<String>();
            sent.add(query);
            return query;
        });
    }

    @Test
    void shouldShareOneNextQueryAmongThoseWhoAskWhileOneIsInFlight() {
        CompletableFuture<String> first = ask("tenant-1");
        CompletableFuture<String> second = ask("tenant-1");
        CompletableFuture<String> third = ask("tenant-1");
        assertThat(sent).hasSize(1);

        sent.get(0).complete("read before the second and third asked");
        assertThat(first).isCompletedWithValue("read before the second and third asked");
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        assertThat(sent).hasSize(2);

        CompletableFuture<String> fourth = ask("tenant-1");
        sent.get(1).complete("read after they asked");
        assertThat(second).isCompletedWithValue("read after they asked");
        assertThat(third).isCompletedWithValue("read after they asked");
        assertThat(sent).hasSize(3);

        sent.get(2).complete("read after the fourth asked");
        assertThat(fourth).isCompletedWithValue("read after the fourth asked");
        assertThat(coalescing.inFlight()).isZero();
    }

    @Test
    void shouldAskForEachKeyApart() {
        CompletableFuture<String> one = ask("tenant-1");
        CompletableFuture<String> other = ask("tenant-2");
        assertThat(sent).hasSize(2);

        sent.get(1).complete("tenant-2's");
        assertThat(other).isCompletedWithValue("tenant-2's");
        assertThat(one).isNotDone();
        assertThat(coalescing.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldGiveTheWaitingTheirOwnQueryWhenTheOneInFlightFails() {
        CompletableFuture<String> first = ask("tenant-1");
        CompletableFuture<String> second = ask("tenant-1");

        sent.get(0).completeExceptionally(new IllegalStateException("timed out"));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();

        sent.get(1).completeExceptionally(new IllegalStateException("timed out again"));
        assertThat(second).isCompletedExceptionally();
        assertThat(coalescing.inFlight()).isZero();

        CompletableFuture<String> later = ask("tenant-1");
        assertThat(sent).hasSize(3);
        sent.get(2).complete("answered");
        assertThat(later).isCompletedWithValue("answered");
    }
}
