package net.fiko.connector.instagram.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.instagram.client.GraphApiException;
import net.fiko.events.Customer;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.support.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches customers' names and usernames from the Graph API off the webhook's thread, caches them (a week), and
 * publishes {@code customer_profile_updated} when they differ from what the message carried. A full queue drops the
 * fetch: the customer's next message asks again.
 */
@Component
class ProfileFetcher implements DisposableBean {

    static final Duration REFRESH_AFTER = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(ProfileFetcher.class);

    private final Accounts accounts;
    private final Customers customers;
    private final GraphApiClient graph;
    private final EventPublisher events;
    private final Clock clock;
    private final Set<String> fetching = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000),
            task -> {
                Thread thread = new Thread(task, "instagram-profiles");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());

    ProfileFetcher(Accounts accounts, Customers customers, GraphApiClient graph, EventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.customers = customers;
        this.graph = graph;
        this.events = events;
        this.clock = clock;
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Fetches the profile of the message's customer in the background unless a recent one is cached. The webhook's
     * thread only hands the message over: even the cache is read in the background.
     */
    void refreshIfStale(InboundMessage event) {
        if (event instanceof CustomerMessageReceived message && fetching.add(message.conversationId())) {
            try {
                executor.execute(() -> {
                    try {
                        fetchIfStale(message);
                    } finally {
                        fetching.remove(message.conversationId());
                    }
                });
            } catch (RejectedExecutionException e) {
                // The queue is full: drop this fetch; the customer's next message asks again.
                fetching.remove(message.conversationId());
            }
        }
    }

    private void fetchIfStale(CustomerMessageReceived message) {
        Instant fetchedAt = customers
                .of(message.tenantId(), message.conversationId())
                .map(Customers.Customer::profileFetchedAt)
                .orElse(null);
        if (fetchedAt != null && fetchedAt.isAfter(clock.instant().minus(REFRESH_AFTER))) {
            return;
        }
        Optional<String> token = accounts.token(message.channelId());
        if (token.isEmpty()) {
            return;
        }
        String igsid = message.externalChatId();
        GraphApiClient.Profile profile;
        try {
            profile = graph.profile(token.get(), igsid);
        } catch (GraphApiException e) {
            log.debug("No profile for an Instagram customer: {}", e.failure().detail());
            if (!e.failure().retryable()) {
                customers.profileFetched(message.conversationId(), null, null, clock.instant());
            }
            return;
        }
        customers.profileFetched(message.conversationId(), profile.name(), profile.username(), clock.instant());
        Customer known = message.customer();
        if (Objects.equals(known.firstName(), profile.name()) && Objects.equals(known.username(), profile.username())) {
            return;
        }
        try {
            events.publish(
                            Topics.INBOUND_MESSAGES,
                            new CustomerProfileUpdated(
                                    UUID.randomUUID().toString(),
                                    clock.instant(),
                                    message.tenantId(),
                                    message.conversationId(),
                                    message.channelId(),
                                    Platform.INSTAGRAM,
                                    new Customer(
                                            null, Platform.INSTAGRAM, igsid, profile.name(), null, profile.username())))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The cache has it: the customer's next message carries the name instead.
            log.warn("Could not publish a customer's Instagram profile: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
