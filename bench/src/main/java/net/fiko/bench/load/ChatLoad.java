package net.fiko.bench.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import net.fiko.events.EventJson;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;

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
    private static final long WALL_OFFSET = Instant.now().toEpochMilli() * 1_000_000 - System.nanoTime();

    private static final int CLIENTS = 4;

    private final int conversations;
    private final int socketsPerConversation;
    private final List<AgentSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<URI> addresses = new ArrayList<>();
    /** The id of the newest chat message each socket has, to resume from. */
    private AtomicReferenceArray<String> lastMessage;
    /** Sockets dropped and not yet back. */
    private AtomicIntegerArray away;

    private final List<HttpClient> clients = new ArrayList<>();
    private volatile Round round;
    private int rounds;

    /**
     * How the agents behave. {@code ALL_SEND}: every socket sends in turn, ten agents shared by all chats, short
     * messages. {@code AGENTS}, the shape users make: every socket its own agent's token, one sender per conversation,
     * sends spread evenly over the second, frames of about 130 bytes.
     */
    public record Shape(boolean distinctAgents, boolean onePerConversation, int frameBytes) {

        public static final Shape ALL_SEND = new Shape(false, false, 0);
        public static final Shape AGENTS = new Shape(true, true, 130);
    }

    private final Shape shape;

    public ChatLoad(int conversations, int socketsPerConversation) {
        this(conversations, socketsPerConversation, Shape.ALL_SEND);
    }

    public ChatLoad(int conversations, int socketsPerConversation, Shape shape) {
        this.shape = shape;
        this.conversations = conversations;
        this.socketsPerConversation = socketsPerConversation;
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
    }

    /** Opens every socket; returns how long that took. */
    public Duration connect(Target target) throws Exception {
        return connect(target, (index, address) -> address);
    }

    /** Opens every socket, each at the address {@code placement} makes of it (another instance, say). */
    public Duration connect(Target target, BiFunction<Integer, URI, URI> placement) throws Exception {
        long start = System.nanoTime();
        List<String> ids = target.conversations(conversations);
        lastMessage = new AtomicReferenceArray<>(conversations * socketsPerConversation);
        away = new AtomicIntegerArray(conversations * socketsPerConversation);
        for (int c = 0; c < conversations; c++) {
            for (int a = 0; a < socketsPerConversation; a++) {
                int index = c * socketsPerConversation + a;
                // At most ten distinct agents in a chat, as in a real team: presence stays linear.
                String agent = shape.distinctAgents() ? "agent-" + index : "agent-" + (a % 10);
                URI address = placement.apply(index, target.chatSocket(ids.get(c), agent));
                addresses.add(address);
                sockets.add(AgentSocket.connect(
                        clients.get(index % CLIENTS), address, index, this::frame, Duration.ofSeconds(30)));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sends {@code rate} messages a second for {@code duration}, then waits up to {@code drain} for stragglers. */
    public Result run(double rate, Duration duration, Duration drain) {
        return run(rate, duration, drain, (Drops) null);
    }

    /** Sockets the server closed, by close code (those this side cut off or closed itself are not counted). */
    public java.util.Map<Integer, Long> closedByServer() {
        return sockets.stream()
                .filter(socket -> socket.closeCode() >= 0)
                .collect(java.util.stream.Collectors.groupingBy(
                        AgentSocket::closeCode, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /**
     * S5: as {@link #run(double, Duration, Duration)}, while {@code drops} cuts sockets off (no close handshake, as a
     * lost network does) and brings each back after a while with {@code ?since=} the last message it had. Every
     * message must still reach every socket once: live, or in the {@code recent_messages} of its resume.
     */
    public Result run(double rate, Duration duration, Duration drain, Drops drops) {
        return run(rate, duration, drain, drops, null);
    }

    /**
     * S5: as {@link #run(double, Duration, Duration)}, while {@code restart} restarts the instance that serves some of
     * the sockets; once it is back, each of them reconnects with {@code ?since=}, all at once, as clients do.
     */
    public Result run(double rate, Duration duration, Duration drain, Restart restart) {
        return run(rate, duration, drain, null, restart);
    }

    private Result run(double rate, Duration duration, Duration drain, Drops drops, Restart restart) {
        Round current = new Round(++rounds, sockets.size(), (long) Math.ceil(rate * duration.toNanos() / 1e9));
        round = current;
        ScheduledExecutorService dropper = null;
        if (drops != null || restart != null) {
            dropper = Executors.newScheduledThreadPool(4);
        }
        if (drops != null) {
            schedule(drops, duration, dropper, current);
        }
        if (restart != null) {
            dropper.schedule(() -> restart(restart, current), restart.after().toMillis(), TimeUnit.MILLISECONDS);
        }
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        for (long i = 0; i < current.planned; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int sender = shape.onePerConversation()
                    ? sender((int) (i % conversations) * socketsPerConversation)
                    : sender((int) (i % sockets.size()));
            long sequence = current.nextSequence[sender]++;
            sockets.get(sender).send(frame("bench " + current.id + " " + sender + " " + sequence + " " + scheduled));
            current.lag.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
            current.sent.incrementAndGet();
        }
        long sendEnd = System.nanoTime();
        if (dropper != null) {
            dropper.shutdown();
            try {
                // The last socket may come back up to the longest absence after the sends end.
                dropper.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    /** A chat_message frame with this content, padded to the shape's frame size. */
    private String frame(String content) {
        String frame = "{\"type\":\"chat_message\",\"content\":\"" + content + "\"}";
        int missing = shape.frameBytes() - frame.length();
        return missing <= 1 ? frame : frame.replace(content, content + " " + "x".repeat(missing - 1));
    }

    /** The socket itself, or while it is away the next one of its conversation that is not. */
    private int sender(int preferred) {
        if (away == null || away.get(preferred) == 0) {
            return preferred;
        }
        int first = preferred - preferred % socketsPerConversation;
        for (int k = 1; k < socketsPerConversation; k++) {
            int other = first + (preferred - first + k) % socketsPerConversation;
            if (away.get(other) == 0) {
                return other;
            }
        }
        return preferred;
    }

    /**
     * Picks {@code drops.share()} of the sockets, each dropped once at a moment of the run that leaves time for its
     * absence, away for a time between the shortest and the longest.
     */
    private void schedule(Drops drops, Duration duration, ScheduledExecutorService dropper, Round current) {
        Random random = new Random(42);
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, sockets.size()).boxed().toList());
        Collections.shuffle(order, random);
        int count = (int) Math.round(sockets.size() * drops.share());
        long latestDrop = Math.max(1000, duration.toMillis() - drops.longest().toMillis());
        for (int index : order.subList(0, count)) {
            long at = 1000 + (long) (random.nextDouble() * (latestDrop - 1000));
            long absence = drops.shortest().toMillis()
                    + (long) (random.nextDouble()
                            * (drops.longest().toMillis() - drops.shortest().toMillis()));
            dropper.schedule(
                    () -> {
                        away.set(index, 1);
                        sockets.get(index).drop();
                        dropper.schedule(() -> resume(index, current), absence, TimeUnit.MILLISECONDS);
                    },
                    at,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Takes the sockets of the restarted instance down with it, and brings every one back once it is ready. */
    private void restart(Restart restart, Round current) {
        List<Integer> served = IntStream.range(0, sockets.size())
                .filter(restart.served())
                .boxed()
                .toList();
        served.forEach(index -> away.set(index, 1));
        try {
            restart.restart().call();
        } catch (Exception e) {
            throw new IllegalStateException("The restart failed", e);
        }
        served.forEach(index -> sockets.get(index).drop());
        long ready = System.nanoTime();
        var reconnecting = Executors.newFixedThreadPool(64);
        served.forEach(index -> reconnecting.submit(() -> resume(index, current, ready)));
        reconnecting.shutdown();
        try {
            reconnecting.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        restart.allBack().run();
    }

    private void resume(int index, Round current) {
        resume(index, current, System.nanoTime());
    }

    /**
     * Reconnects a dropped socket from the last message it had; from {@code begun} to its {@code recent_messages} is
     * its catch-up.
     */
    private void resume(int index, Round current, long begun) {
        String since = lastMessage.get(index);
        URI address = addresses.get(index);
        if (since != null) {
            address = URI.create(address + (address.getQuery() == null ? "?" : "&") + "since="
                    + URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                sockets.set(
                        index,
                        AgentSocket.connect(
                                clients.get(index % CLIENTS), address, index, this::frame, Duration.ofSeconds(30)));
                current.catchUp.recordValue((System.nanoTime() - begun) / 1000);
                current.resumed.incrementAndGet();
                away.set(index, 0);
                return;
            } catch (Exception e) {
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
        current.notResumed.incrementAndGet();
    }

    private void frame(int receiver, String text, long receivedNanos) {
        if (text.startsWith("{\"type\":\"recent_messages\"")) {
            recentMessages(receiver, text, receivedNanos);
            return;
        }
        noteLast(receiver, text);
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
            Instant created = Instant.parse(text.substring(from2, text.indexOf('"', from2)));
            long createdNanos = created.getEpochSecond() * 1_000_000_000 + created.getNano() - WALL_OFFSET;
            current.stored.recordValue(Math.max(0, (createdNanos - scheduled) / 1000));
            current.fannedOut.recordValue(Math.max(0, (receivedNanos - createdNanos) / 1000));
        }
    }

    private static final String MESSAGE_ID = "\"message\":{\"id\":\"";

    private void noteLast(int receiver, String text) {
        if (receiver < 0 || lastMessage == null || !text.startsWith("{\"type\":\"chat_message\"")) {
            return;
        }
        int at = text.indexOf(MESSAGE_ID);
        if (at >= 0) {
            int from = at + MESSAGE_ID.length();
            lastMessage.set(receiver, text.substring(from, text.indexOf('"', from)));
        }
    }

    /**
     * A chat's first frame: on a resume, the messages missed while away. Each counts as a delivery (a repeat of one
     * already had counts as a duplicate); its latency is not recorded, since it waited for the socket to come back.
     */
    private void recentMessages(int receiver, String text, long receivedNanos) {
        Round current = round;
        if (receiver < 0 || lastMessage == null) {
            return;
        }
        JsonNode frame = EventJson.mapper().readTree(text);
        if (frame.has("recovered") && !frame.path("recovered").asBoolean()) {
            if (current != null) {
                current.notRecovered.incrementAndGet();
            }
        }
        for (JsonNode message : frame.path("messages")) {
            lastMessage.set(receiver, message.path("id").asString());
            String content = message.path("content").asString("");
            if (current == null || !content.startsWith("bench ")) {
                continue;
            }
            String[] parts = content.split(" ");
            if (Integer.parseInt(parts[1]) != current.id) {
                continue;
            }
            int sender = Integer.parseInt(parts[2]);
            if (sender == receiver || sender / socketsPerConversation != receiver / socketsPerConversation) {
                continue;
            }
            current.recovered.incrementAndGet();
            current.arrived(receiver, sender % socketsPerConversation, Long.parseLong(parts[3]), -1);
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

        final Recorder catchUp = new Recorder(3_600_000_000L, 3);
        final AtomicLong resumed = new AtomicLong();
        final AtomicLong notResumed = new AtomicLong();
        final AtomicLong notRecovered = new AtomicLong();
        final AtomicLong recovered = new AtomicLong();

        /** {@code latencyNanos} negative: recovered on a resume, so not a latency. */
        void arrived(int receiver, int sender, long sequence, long latencyNanos) {
            if (latencyNanos >= 0) {
                latency.recordValue(latencyNanos / 1000);
            }
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
                    total,
                    new Resumes(
                            resumed.get(),
                            notResumed.get(),
                            notRecovered.get(),
                            recovered.get(),
                            catchUp.getIntervalHistogram()),
                    -1);
        }
    }

    /**
     * S5's drops: {@code share} of the sockets, each away for between {@code shortest} and {@code longest}.
     */
    public record Drops(double share, Duration shortest, Duration longest) {}

    /**
     * S5's restart: {@code after} the run starts, {@code restart} stops the instance serving the sockets {@code
     * served} selects and starts it again, returning once it is ready; {@code allBack} runs once every one of them has
     * reconnected.
     */
    public record Restart(IntPredicate served, Duration after, Callable<?> restart, Runnable allBack) {}

    /**
     * What the drops of a run came to: sockets back, sockets that could not reconnect, resumes the server could not
     * recover ({@code "recovered": false}), messages that came in a resume's {@code recent_messages}, and the time
     * from reconnecting to having them (microseconds).
     */
    public record Resumes(
            long resumed, long failed, long notRecovered, long recoveredMessages, Histogram catchUpMicros) {}

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
            Duration total,
            Resumes resumes,
            long cpuMicros) {

        /** The same result with the CPU time the system under test spent on it. */
        public Result withCpuMicros(long micros) {
            return new Result(
                    rate,
                    sent,
                    expectedDeliveries,
                    deliveries,
                    lost,
                    duplicates,
                    reordered,
                    latencyMicros,
                    lagMicros,
                    toStoredMicros,
                    storedToSocketMicros,
                    sending,
                    total,
                    resumes,
                    micros);
        }

        /** CPU of the system under test per delivery to a socket, in µs; -1 when it was not measured. */
        public double cpuMicrosPerDelivery() {
            return cpuMicros < 0 || deliveries == 0 ? -1 : cpuMicros / (double) deliveries;
        }

        public double deliveriesPerSecond() {
            return deliveries / (sending.toNanos() / 1e9);
        }

        /** The generator fell behind its schedule: its p99 lag above 5 ms. */
        public boolean generatorLimited() {
            return lagMicros.getValueAtPercentile(99) > 5_000;
        }
    }
}
