package net.fiko.connector.instagram.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.instagram.client.GraphApiException;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.support.kafka.EventRecords;
import net.fiko.support.throttle.PerKeyThrottle;
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

    private final Customers customers;
    private final Accounts accounts;
    private final GraphApiClient graph;
    private final Clock clock;
    private final PerKeyThrottle throttle = new PerKeyThrottle(EVERY, 10_000);

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
        if (token.isEmpty() || !throttle.permit(typing.conversationId(), now)) {
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
}
