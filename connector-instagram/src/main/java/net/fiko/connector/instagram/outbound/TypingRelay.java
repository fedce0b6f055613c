package net.fiko.connector.instagram.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.instagram.client.GraphApiException;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Shows an agent's typing to the Instagram customer ({@code sender_action: typing_on}), at most once every five
 * seconds per conversation and only inside the reply window. Best effort: expired events are skipped, refusals are
 * not retried. The ephemeral topic is keyed by conversation, so one instance sees a conversation's typing.
 */
@Component
class TypingRelay {

    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);
    private static final int MAX_TRACKED = 10_000;

    private final Customers customers;
    private final Accounts accounts;
    private final GraphApiClient graph;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    TypingRelay(Customers customers, Accounts accounts, GraphApiClient graph, Clock clock) {
        this.customers = customers;
        this.accounts = accounts;
        this.graph = graph;
        this.clock = clock;
    }

    @KafkaListener(
            id = "instagram-typing",
            groupId = "${spring.kafka.consumer.group-id}.typing",
            topics = "#{T(net.fiko.events.Topics).EPHEMERAL.name()}",
            properties = "auto.offset.reset=latest")
    void onEphemeral(ConsumerRecord<String, byte[]> record) {
        if (EventRecords.read(record, EphemeralEvent.class) instanceof TypingChanged typing) {
            relay(typing);
        }
    }

    void relay(TypingChanged typing) {
        Instant now = clock.instant();
        if (!typing.isTyping()
                || (typing.expiresAt() != null && !typing.expiresAt().isAfter(now))) {
            return;
        }
        Optional<Customers.Customer> customer = customers.of(typing.tenantId(), typing.conversationId());
        Optional<Account> account = customer.flatMap(c -> accounts.byId(c.channelId()));
        if (account.isEmpty() || outsideWindow(customer.get(), account.get(), now)) {
            return;
        }
        Optional<String> token = accounts.token(account.get().id());
        if (token.isEmpty() || !due(typing.conversationId(), now)) {
            return;
        }
        try {
            graph.typingOn(
                    token.get(), account.get().accountId(), customer.get().igsid());
        } catch (GraphApiException e) {
            log.debug("Instagram did not show typing: {}", e.failure().message());
        }
    }

    private static boolean outsideWindow(Customers.Customer customer, Account account, Instant now) {
        return customer.lastMessageAt() == null
                || customer.lastMessageAt().plus(ReplyDelivery.window(account)).isBefore(now);
    }

    private boolean due(String conversationId, Instant now) {
        if (lastSent.size() > MAX_TRACKED) {
            lastSent.values().removeIf(sent -> sent.isBefore(now.minus(EVERY)));
        }
        boolean[] due = {false};
        lastSent.compute(conversationId, (id, sent) -> {
            if (sent == null || !sent.isAfter(now.minus(EVERY))) {
                due[0] = true;
                return now;
            }
            return sent;
        });
        return due[0];
    }
}
