package net.fiko.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S4: customers write in through Telegram's webhook at a fixed rate, open loop, and every agent's conversation-list
 * socket must see each message once as {@code new_customer_message}, with the conversation's unread count. The
 * latency runs from the update's scheduled post to its arrival at each list socket.
 */
public final class InboundLoad implements AutoCloseable {

    private static final String MARK = "\"content\":\"bench ";
    private static final String CREATED_AT = "\"created_at\":\"";
    private static final long WALL_OFFSET = java.time.Instant.now().toEpochMilli() * 1_000_000 - System.nanoTime();

    private final int customers;
    private final List<AgentSocket> lists = new ArrayList<>();
    private volatile Round round;
    private int rounds;
    private long nextUpdate = 1;

    public InboundLoad(int customers) {
        this.customers = customers;
    }

    public void connect(Target target, int agents) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int a = 0; a < agents; a++) {
            lists.add(AgentSocket.connect(
                    client, target.listSocket("agent-" + a), a, this::frame, Duration.ofSeconds(30)));
        }
    }

    public Result run(Webhooks webhooks, double rate, Duration duration, Duration drain) {
        Round current = new Round(++rounds, lists.size(), (long) Math.ceil(rate * duration.toNanos() / 1e9));
        round = current;
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        for (int i = 0; i < current.planned; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long updateId = nextUpdate++;
            long customer = 700_000_000L + (updateId % customers);
            webhooks.post("{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId
                            + ",\"date\":" + (System.currentTimeMillis() / 1000) + ",\"text\":\"bench " + current.id
                            + " " + i + " " + scheduled + "\",\"from\":{\"id\":" + customer
                            + ",\"is_bot\":false,\"first_name\":\"Customer\",\"last_name\":\"" + customer
                            + "\"},\"chat\":{\"id\":" + customer + ",\"type\":\"private\"}}}")
                    .whenComplete((status, error) -> {
                        current.answered.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                        if (error != null || status != 200) {
                            current.refused.incrementAndGet();
                        }
                    });
            current.lag.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        }
        long expected = current.planned * lists.size();
        long deadline = System.nanoTime() + drain.toNanos() + duration.toNanos();
        while (current.unique.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        Result result = new Result(
                rate,
                current.planned,
                expected - current.unique.get(),
                current.duplicates.get(),
                current.withoutCount.get(),
                current.refused.get(),
                current.latency.getIntervalHistogram(),
                current.lag.getIntervalHistogram(),
                current.stored.getIntervalHistogram(),
                current.answered.getIntervalHistogram());
        round = null;
        return result;
    }

    private void frame(int receiver, String text, long receivedNanos) {
        Round current = round;
        int at = text.indexOf(MARK);
        if (current == null || at < 0 || !text.contains("\"type\":\"new_customer_message\"")) {
            return;
        }
        int from = at + MARK.length();
        String[] parts = text.substring(from, text.indexOf('"', from)).split(" ");
        if (Integer.parseInt(parts[0]) != current.id) {
            return;
        }
        int index = Integer.parseInt(parts[1]);
        long scheduled = Long.parseLong(parts[2]);
        current.latency.recordValue(Math.max(0, (receivedNanos - scheduled) / 1000));
        int stamp = text.indexOf(CREATED_AT, at);
        if (stamp >= 0) {
            int from2 = stamp + CREATED_AT.length();
            java.time.Instant created = java.time.Instant.parse(text.substring(from2, text.indexOf('"', from2)));
            long createdNanos = created.getEpochSecond() * 1_000_000_000 + created.getNano() - WALL_OFFSET;
            current.stored.recordValue(Math.max(0, (createdNanos - scheduled) / 1000));
        }
        if (!text.contains("\"unread_count\":")) {
            current.withoutCount.incrementAndGet();
        }
        synchronized (current.seen[receiver]) {
            if (current.seen[receiver].get(index)) {
                current.duplicates.incrementAndGet();
                return;
            }
            current.seen[receiver].set(index);
        }
        current.unique.incrementAndGet();
    }

    @Override
    public void close() {
        lists.forEach(AgentSocket::close);
    }

    private static final class Round {
        final int id;
        final long planned;
        final BitSet[] seen;
        final Recorder latency = new Recorder(3_600_000_000L, 3);
        final Recorder lag = new Recorder(3_600_000_000L, 3);
        final Recorder stored = new Recorder(3_600_000_000L, 3);
        final Recorder answered = new Recorder(3_600_000_000L, 3);
        final AtomicLong unique = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong withoutCount = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        Round(int id, int sockets, long planned) {
            this.id = id;
            this.planned = planned;
            this.seen = new BitSet[sockets];
            for (int s = 0; s < sockets; s++) {
                seen[s] = new BitSet();
            }
        }
    }

    /** One S4 run: latencies and the generator's lag in microseconds; {@code refused}: posts not answered 200. */
    public record Result(
            double rate,
            long posted,
            long missing,
            long duplicates,
            long withoutUnreadCount,
            long refused,
            Histogram latencyMicros,
            Histogram lagMicros,
            Histogram toStoredMicros,
            Histogram webhookAnswerMicros) {}
}
