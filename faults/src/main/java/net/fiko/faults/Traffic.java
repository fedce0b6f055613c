package net.fiko.faults;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.fiko.events.ConversationIds;
import net.fiko.events.Platform;
import net.fiko.faults.load.ChatClient;
import net.fiko.faults.load.Customers;

/**
 * The load a scenario runs under: Telegram customers writing through the webhook, and in each of their conversations
 * one agent replying (which the connector delivers to the fake Bot API) and now and then marking the chat read, with
 * more agents watching, every socket a {@link ChatClient}. Sends are spread evenly over each second.
 */
final class Traffic implements AutoCloseable {

    /** Conversations, chat sockets per conversation (the first one sends), and the rates of both sides. */
    record Load(int conversations, int socketsPerConversation, double agentRate, double customerRate) {}

    private final Stack stack;
    private final Load load;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "faults-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> conversations = new ArrayList<>();
    private final List<ChatClient> senders = new ArrayList<>();
    private final List<ChatClient> sockets = new ArrayList<>();
    private final Map<String, String> agentTexts = new ConcurrentHashMap<>();
    private final AtomicLong agentMessages = new AtomicLong();
    private final AtomicLong customerMessages = new AtomicLong();
    private final List<ScheduledFuture<?>> running = new ArrayList<>();
    private Customers customers;

    Traffic(Stack stack, Load load) {
        this.stack = stack;
        this.load = load;
    }

    /** Every customer writes once; every socket joins its conversation. */
    void open() throws Exception {
        Tenant.Webhook webhook = Tenant.registerBot(stack);
        customers = new Customers(http, webhook.url(), webhook.secret(), scheduler);
        for (int customer = 0; customer < load.conversations(); customer++) {
            customers.write(customer, "customer " + customer + " hello");
            conversations.add(ConversationIds.forCustomer(
                    Stack.TENANT, Platform.TELEGRAM, webhook.channel(), Long.toString(Customers.chatId(customer))));
        }
        for (int conversation = 0; conversation < conversations.size(); conversation++) {
            for (int watcher = 0; watcher < load.socketsPerConversation(); watcher++) {
                String userId = "agent-" + conversation + "-" + watcher;
                ChatClient client = new ChatClient(
                        http, stack.gatewayUris(), 0, conversations.get(conversation), userId, Tenant.token(userId));
                joinWhenItExists(client);
                sockets.add(client);
                if (watcher == 0) {
                    senders.add(client);
                }
            }
        }
    }

    /** A new conversation takes a moment to exist: joining it before answers 4404. */
    private static void joinWhenItExists(ChatClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                client.connect(Duration.ofSeconds(10));
                if (client.isConnected()) {
                    return;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not join " + client.conversationId());
            }
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
    }

    /** Starts sending at the load's rates. */
    void start() {
        // Only now: the list of sockets is complete (the tick reads it) and every socket has joined.
        running.add(0, scheduler.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS));
        if (load.agentRate() > 0) {
            long period = (long) (1e9 / load.agentRate());
            running.add(scheduler.scheduleAtFixedRate(guarded(this::agentSends), 0, period, TimeUnit.NANOSECONDS));
        }
        if (load.customerRate() > 0) {
            long period = (long) (1e9 / load.customerRate());
            running.add(scheduler.scheduleAtFixedRate(
                    guarded(this::customerWrites), period / 2, period, TimeUnit.NANOSECONDS));
        }
    }

    /** Stops sending; the sockets stay, resending and reconnecting until they are closed. */
    void stopSending() {
        for (int i = running.size() - 1; i >= 1; i--) {
            running.remove(i).cancel(false);
        }
    }

    /** A scheduled task whose failure is printed: an executor silently ends a periodic task that throws. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.err.println("Traffic task failed: " + e);
            }
        };
    }

    private void agentSends() {
        long n = agentMessages.getAndIncrement();
        int conversation = (int) (n % senders.size());
        String clientMsgId = "m-" + conversation + "-" + n;
        String text = "agent reply " + n + " in conversation " + conversation;
        agentTexts.put(clientMsgId, text);
        ChatClient sender = senders.get(conversation);
        sender.send(clientMsgId, text);
        if (n % 7 == 0) {
            sender.markRead();
        }
    }

    private void customerWrites() {
        long n = customerMessages.getAndIncrement();
        int customer = (int) (n % conversations.size());
        customers.write(customer, "customer " + customer + " message " + n);
    }

    /** Resends and reconnects; a failure is printed, never allowed to end the ticking (an executor would). */
    private void tick() {
        for (ChatClient socket : sockets) {
            try {
                socket.tick();
            } catch (RuntimeException e) {
                System.err.println("A chat client's tick failed: " + e);
            }
        }
    }

    /** Every chat socket, senders included. */
    List<ChatClient> sockets() {
        return sockets;
    }

    List<ChatClient> senders() {
        return senders;
    }

    List<String> conversations() {
        return conversations;
    }

    Customers customers() {
        return customers;
    }

    /** Every agent message sent, by client id, with its text. */
    Map<String, String> agentTexts() {
        return Map.copyOf(agentTexts);
    }

    /** Agent messages never echoed to their sender. */
    Set<String> unacked() {
        Set<String> unacked = new java.util.HashSet<>();
        senders.forEach(sender -> unacked.addAll(sender.unacked()));
        return unacked;
    }

    @Override
    public void close() {
        running.forEach(task -> task.cancel(false));
        sockets.forEach(ChatClient::close);
        scheduler.shutdownNow();
    }
}
