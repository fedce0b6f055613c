package net.fiko.gateway.query;

import java.util.function.Function;
import net.fiko.events.EventJson;
import org.springframework.web.socket.TextMessage;

/**
 * An answer that the sockets which asked for it together share ({@link Coalescing}), with the frame made of it
 * serialized once for all of them: after a gateway restarts, thousands of a tenant's list sockets get one answer, and
 * serializing the page for each was a tenth of the CPU each socket's opening cost (docs/benchmarks.md, S1).
 */
public final class SharedAnswer<A> {

    private final A answer;
    private volatile TextMessage frame;

    SharedAnswer(A answer) {
        this.answer = answer;
    }

    public A answer() {
        return answer;
    }

    /**
     * The frame {@code toFrame} makes of the answer, serialized by the first socket that asks and reused by the
     * others; every caller must make the same frame of it.
     */
    public TextMessage frame(Function<A, ?> toFrame) {
        TextMessage made = frame;
        if (made == null) {
            synchronized (this) {
                made = frame;
                if (made == null) {
                    made = new TextMessage(EventJson.toBytes(toFrame.apply(answer)));
                    frame = made;
                }
            }
        }
        return made;
    }
}
