package net.fiko.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.fiko.bench.sut.Target;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Conversations with several agent sockets each; agents send at a fixed total rate, open loop: each message has its
 * scheduled time, is sent then whatever the replies do, and carries that time, so a stalled system shows in the
 * latencies instead of slowing the load (no coordinated omission). A delivery is a message arriving at one of the
 * other sockets of its conversation; each receiver checks each sender's sequence for losses, repeats and reordering.
 * Every message names its round, and a round lets the previous one's stragglers arrive before it starts, so a backlog
 * never counts against the next rate.
 */
public final class ChatLoad implements AutoCloseable {

    private static final String MARK = "\"content\":\"bench ";
    private static final String CREATED_AT = "\"created_at\":\"";
    /** Wall-clock nanoseconds at nanoTime 0, to compare the scheduled times with the server's timestamps. */
    private static final long WALL_OFFSET = java.time.Instant.now().toEpochMilli() * 1_000_000 - System.nanoTime();

    private static final int CLIENTS = 4;

    private final int conversations;
    private final int socketsPerConversation;
    private final List<AgentSocket> sockets = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private volatile Round round;
    private int rounds;

    public ChatLoad(int conversations, int socketsPerConversation) {
        this.conversations = conversations;
        this.socketsPerConversation = socketsPerConversation;
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
    }

    /** Opens every socket; returns how long that took. */
    public Duration connect(Target target) throws Exception {
        long start = System.nanoTime();
        List<String> ids = target.conversations(conversations);
        for (int c = 0; c < conversations; c++) {
            for (int a = 0; a < socketsPerConversation; a++) {
                int index = c * socketsPerConversation + a;
                sockets.add(AgentSocket.connect(
                        clients.get(index % CLIENTS),
                        // At most ten distinct agents in a chat, as in a real team: presence stays linear.
                        target.chatSocket(ids.get(c), "agent-" + (a % 10)),
                        index,
                        this::frame,
                        Duration.ofSeconds(30)));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sends {@code rate} messages a second for {@code duration}, then waits up to {@code drain} for stragglers. */
    public Result run(double rate, Duration duration, Duration drain) {
        Round current = new Round(++rounds, sockets.size(), (long) Math.ceil(rate * duration.toNanos() / 1e9));
        round = current;
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        for (long i = 0; i < current.planned; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int sender = (int) (i % sockets.size());
            long sequence = current.nextSequence[sender]++;
            sockets.get(sender)
                    .send("{\"type\":\"chat_message\",\"content\":\"bench " + current.id + " " + sender + " " + sequence
                            + " " + scheduled + "\"}");
            current.lag.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
            current.sent.incrementAndGet();
        }
        long sendEnd = System.nanoTime();
        long expected = current.sent.get() * (socketsPerConversation - 1);
        long deadline = sendEnd + drain.toNanos();
        while (current.unique.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        long end = System.nanoTime();
        Result result =
                current.result(rate, expected, Duration.ofNanos(sendEnd - start), Duration.ofNanos(end - start));
        // What has not arrived yet still arrives: let it, so the next round measures only its own messages.
        long quietSince = System.nanoTime();
        long lastCount = current.unique.get();
        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (current.unique.get() < expected && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            if (current.unique.get() != lastCount) {
                lastCount = current.unique.get();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos()) {
                break;
            }
        }
        round = null;
        return result;
    }

    private void frame(int receiver, String text, long receivedNanos) {
        Round current = round;
        int at = text.indexOf(MARK);
        if (current == null || at < 0 || !text.contains("\"type\":\"chat_message\"")) {
            return;
        }
        int from = at + MARK.length();
        int end = text.indexOf('"', from);
        String[] parts = text.substring(from, end).split(" ");
        if (Integer.parseInt(parts[0]) != current.id) {
            return;
        }
        int sender = Integer.parseInt(parts[1]);
        if (sender == receiver || sender / socketsPerConversation != receiver / socketsPerConversation) {
            return;
        }
        long sequence = Long.parseLong(parts[2]);
        long scheduled = Long.parseLong(parts[3]);
        current.arrived(receiver, sender % socketsPerConversation, sequence, receivedNanos - scheduled);
        int stamp = text.indexOf(CREATED_AT);
        if (stamp >= 0) {
            int from2 = stamp + CREATED_AT.length();
            java.time.Instant created = java.time.Instant.parse(text.substring(from2, text.indexOf('"', from2)));
            long createdNanos = created.getEpochSecond() * 1_000_000_000 + created.getNano() - WALL_OFFSET;
            current.stored.recordValue(Math.max(0, (createdNanos - scheduled) / 1000));
            current.fannedOut.recordValue(Math.max(0, (receivedNanos - createdNanos) / 1000));
        }
    }

    public int sockets() {
        return sockets.size();
    }

    @Override
    public void close() {
        sockets.forEach(AgentSocket::close);
    }

    /** The state of one run at one rate. */
    private final class Round {
        final int id;
        final long planned;
        final long[] nextSequence;
        final BitSet[][] seen;
        final long[][] highest;
        final Recorder latency = new Recorder(3_600_000_000L, 3);
        final Recorder lag = new Recorder(3_600_000_000L, 3);
        final Recorder stored = new Recorder(3_600_000_000L, 3);
        final Recorder fannedOut = new Recorder(3_600_000_000L, 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong unique = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();

        Round(int id, int sockets, long planned) {
            this.id = id;
            this.planned = planned;
            this.nextSequence = new long[sockets];
            this.seen = new BitSet[sockets][socketsPerConversation];
            this.highest = new long[sockets][socketsPerConversation];
            for (int r = 0; r < sockets; r++) {
                for (int s = 0; s < socketsPerConversation; s++) {
                    seen[r][s] = new BitSet();
                    highest[r][s] = -1;
                }
            }
        }

        void arrived(int receiver, int sender, long sequence, long latencyNanos) {
            latency.recordValue(Math.max(0, latencyNanos / 1000));
            synchronized (seen[receiver]) {
                BitSet bits = seen[receiver][sender];
                if (bits.get((int) sequence)) {
                    duplicates.incrementAndGet();
                    return;
                }
                bits.set((int) sequence);
                if (sequence < highest[receiver][sender]) {
                    reordered.incrementAndGet();
                }
                highest[receiver][sender] = Math.max(highest[receiver][sender], sequence);
            }
            unique.incrementAndGet();
        }

        Result result(double rate, long expected, Duration sending, Duration total) {
            Histogram latencies = latency.getIntervalHistogram();
            Histogram lags = lag.getIntervalHistogram();
            Histogram toStored = stored.getIntervalHistogram();
            Histogram toSockets = fannedOut.getIntervalHistogram();
            return new Result(
                    rate,
                    sent.get(),
                    expected,
                    unique.get(),
                    expected - unique.get(),
                    duplicates.get(),
                    reordered.get(),
                    latencies,
                    lags,
                    toStored,
                    toSockets,
                    sending,
                    total);
        }
    }

    /**
     * One run's figures. Latencies and the generator's lag in microseconds; where the server stamps its messages
     * ({@code created_at}, when it stored them), the latency split into send to stored and stored to socket. {@code lost} counts deliveries that had
     * not arrived when the drain ended.
     */
    public record Result(
            double rate,
            long sent,
            long expectedDeliveries,
            long deliveries,
            long lost,
            long duplicates,
            long reordered,
            Histogram latencyMicros,
            Histogram lagMicros,
            Histogram toStoredMicros,
            Histogram storedToSocketMicros,
            Duration sending,
            Duration total) {

        public double deliveriesPerSecond() {
            return deliveries / (sending.toNanos() / 1e9);
        }

        /** The generator fell behind its schedule: its p99 lag above 5 ms. */
        public boolean generatorLimited() {
            return lagMicros.getValueAtPercentile(99) > 5_000;
        }
    }
}
