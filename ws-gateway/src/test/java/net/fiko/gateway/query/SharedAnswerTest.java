package net.fiko.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;

class SharedAnswerTest {

    @Test
    void shouldSerializeTheFrameOnceForEverySocketThatSharesTheAnswer() {
        SharedAnswer<String> shared = new SharedAnswer<>("page 1");
        AtomicInteger made = new AtomicInteger();

        var frames = IntStream.range(0, 50)
                .parallel()
                .mapToObj(socket -> shared.frame(answer -> {
                    made.incrementAndGet();
                    return Map.of("type", "conversations_list", "answer", answer);
                }))
                .toList();

        assertThat(made).hasValue(1);
        assertThat(frames).allSatisfy(frame -> assertThat(frame).isSameAs(frames.get(0)));
        assertThat(frames.get(0).getPayload()).contains("\"answer\":\"page 1\"");
    }

    @Test
    void shouldShareOneAnswerAmongTheAsksThatWaitedForTheSameQuery() {
        Coalescing<String, SharedAnswer<String>> lists = new Coalescing<>();
        CompletableFuture<SharedAnswer<String>> inFlight = new CompletableFuture<>();
        CompletableFuture<SharedAnswer<String>> next = new CompletableFuture<>();
        AtomicInteger queries = new AtomicInteger();

        lists.ask("tenant", () -> queries.getAndIncrement() == 0 ? inFlight : next);
        CompletableFuture<SharedAnswer<String>> second = lists.ask("tenant", () -> next);
        CompletableFuture<SharedAnswer<String>> third = lists.ask("tenant", () -> next);
        inFlight.complete(new SharedAnswer<>("before"));
        next.complete(new SharedAnswer<>("after"));

        TextMessage secondFrame = second.join().frame(answer -> Map.of("answer", answer));
        TextMessage thirdFrame = third.join().frame(answer -> Map.of("answer", answer));
        assertThat(queries).hasValue(2);
        assertThat(secondFrame).isSameAs(thirdFrame);
        assertThat(secondFrame.getPayload()).isEqualTo("{\"answer\":\"after\"}");
    }
}
