package net.fiko.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S1's handshake rate, measured with a client far lighter than the JDK's WebSocket client, so that the server and not
 * the generator sets the pace: each connection is a plain TCP socket that writes the upgrade request (its own JWT in
 * the query), reads the {@code 101} and then only the opening bytes of the first frame, to see that it is the
 * conversation list. It masks, buffers and decodes nothing else. A few threads open connections with blocking calls;
 * one selector thread waits for the first frames. The sockets stay open until {@link #close}.
 */
public final class Handshakes implements AutoCloseable {

    private static final byte[] LIST_FRAME = "{\"type\":\"conversations_list\"".getBytes(StandardCharsets.US_ASCII);

    private final Queue<SocketChannel> open = new ConcurrentLinkedQueue<>();
    private final Queue<Waiting> handedOver = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Recorder upgrades = new Recorder(3);
    private final Recorder lists = new Recorder(3);
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong notList = new AtomicLong();
    private final AtomicLong lastListNanos = new AtomicLong();
    private final AtomicLong upgraded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastUpgradeNanos = new AtomicLong();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private int attempted;
    private long start;
    private volatile boolean closed;
    /** Notified each time a socket's first frame is told apart, or its socket ends before one came. */
    private final Object firstFrames = new Object();

    public Handshakes() throws IOException {
        selector = Selector.open();
        Thread reader = new Thread(this::readFirstFrames, "bench-handshakes-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a socket to each address with {@code concurrency} handshakes under way at most; returns once every
     * handshake has succeeded or failed. Once per instance.
     */
    public void open(List<URI> addresses, int concurrency) throws InterruptedException {
        attempted = addresses.size();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Thread opener = new Thread(
                    () -> {
                        for (int i = next.getAndIncrement(); i < addresses.size(); i = next.getAndIncrement()) {
                            try {
                                upgrade(addresses.get(i));
                                upgraded.incrementAndGet();
                                lastUpgradeNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            } catch (IOException | RuntimeException e) {
                                failed.incrementAndGet();
                                if (failures.size() < 5) {
                                    failures.add(e.toString());
                                }
                            }
                        }
                        done.countDown();
                    },
                    "bench-handshakes-" + t);
            opener.setDaemon(true);
            opener.start();
        }
        if (!done.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Handshakes still under way after two minutes");
        }
    }

    /** Waits for the first frame of every socket opened, {@code wait} at most, and returns the outcome. */
    public Burst awaitLists(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (firstFrames) {
            for (long left = wait.toMillis();
                    listed.get() + notList.get() < upgraded.get() && left > 0;
                    left = (deadline - System.nanoTime()) / 1_000_000) {
                firstFrames.wait(left);
            }
        }
        return new Burst(
                attempted,
                upgraded.get(),
                failed.get(),
                listed.get(),
                Duration.ofNanos(Math.max(1, lastUpgradeNanos.get() - start)),
                Duration.ofNanos(Math.max(1, lastListNanos.get() - start)),
                upgrades.getIntervalHistogram(),
                lists.getIntervalHistogram(),
                List.copyOf(failures));
    }

    /** Writes the upgrade request and reads up to the end of the 101's headers; the first frame is read later. */
    private void upgrade(URI address) throws IOException {
        long begun = System.nanoTime();
        SocketChannel channel = SocketChannel.open();
        boolean handed = false;
        try {
            channel.socket().setTcpNoDelay(true);
            channel.connect(new InetSocketAddress(address.getHost(), address.getPort()));
            String path = address.getRawPath() + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery());
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + address.getHost() + ":"
                            + address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(4096);
            int headersEnd;
            while ((headersEnd = headersEnd(in)) < 0) {
                if (!in.hasRemaining() || channel.read(in) < 0) {
                    throw new IOException("the server closed the connection before its answer's headers ended");
                }
            }
            String status = new String(in.array(), 0, Math.min(12, in.position()), StandardCharsets.US_ASCII);
            if (!status.equals("HTTP/1.1 101")) {
                throw new IOException("answered " + status);
            }
            upgrades.recordValue((System.nanoTime() - begun) / 1000);
            open.add(channel);
            in.flip().position(headersEnd);
            ByteBuffer rest = ByteBuffer.allocate(64);
            rest.put(in.slice().limit(Math.min(in.remaining(), rest.capacity())));
            handedOver.add(new Waiting(channel, rest, begun));
            handed = true;
            selector.wakeup();
        } finally {
            if (!handed) {
                channel.close();
            }
        }
    }

    /** Where the headers end in what was read so far (after the blank line), or -1. */
    private static int headersEnd(ByteBuffer in) {
        byte[] bytes = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private void readFirstFrames() {
        while (!closed) {
            try {
                selector.select(100);
                for (Waiting waiting = handedOver.poll(); waiting != null; waiting = handedOver.poll()) {
                    if (!firstFrameRead(waiting)) {
                        waiting.channel.configureBlocking(false);
                        waiting.channel.register(selector, SelectionKey.OP_READ, waiting);
                    }
                }
                for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Waiting waiting = (Waiting) key.attachment();
                    int read = waiting.channel.read(waiting.frame);
                    if (read < 0 || firstFrameRead(waiting)) {
                        key.cancel();
                        if (read < 0) {
                            notList.incrementAndGet();
                            counted();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    notList.incrementAndGet();
                    counted();
                }
            }
        }
    }

    /**
     * Whether enough of the first frame is in to tell what it is (then it is counted): a server frame is unmasked, its
     * header two bytes, or four or ten with a longer length.
     */
    private boolean firstFrameRead(Waiting waiting) {
        ByteBuffer frame = waiting.frame;
        if (frame.position() < 2) {
            return false;
        }
        int lengthByte = frame.get(1) & 0x7f;
        int header = lengthByte == 126 ? 4 : lengthByte == 127 ? 10 : 2;
        if (frame.position() < Math.min(frame.capacity(), header + LIST_FRAME.length)) {
            return false;
        }
        boolean list = frame.position() >= header + LIST_FRAME.length;
        for (int i = 0; list && i < LIST_FRAME.length; i++) {
            list = frame.get(header + i) == LIST_FRAME[i];
        }
        if (list) {
            lists.recordValue((System.nanoTime() - waiting.begun) / 1000);
            listed.incrementAndGet();
            counted();
            lastListNanos.accumulateAndGet(System.nanoTime(), Math::max);
        } else {
            notList.incrementAndGet();
            counted();
        }
        return true;
    }

    private void counted() {
        synchronized (firstFrames) {
            firstFrames.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing: nothing to do about it.
            }
        }
        open.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // Closing.
        }
    }

    /** A socket past its 101, waiting for the opening bytes of its first frame. */
    private record Waiting(SocketChannel channel, ByteBuffer frame, long begun) {}

    /**
     * The outcome: {@code upgradeMicros} from starting the connection to its 101, {@code listMicros} to the opening of
     * its conversation list; the rates count from the start to the last of each.
     */
    public record Burst(
            int attempted,
            long upgraded,
            long failed,
            long listed,
            Duration upgradesTook,
            Duration listsTook,
            Histogram upgradeMicros,
            Histogram listMicros,
            List<String> failures) {

        public double handshakesPerSecond() {
            return upgraded / (upgradesTook.toNanos() / 1e9);
        }

        public double listsPerSecond() {
            return listed / (listsTook.toNanos() / 1e9);
        }
    }
}
