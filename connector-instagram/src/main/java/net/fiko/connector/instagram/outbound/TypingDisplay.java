package net.fiko.connector.instagram.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.kit.typing.TypingSender;
import net.fiko.events.ephemeral.TypingChanged;
import org.springframework.stereotype.Component;

/**
 * Shows an agent's typing to the Instagram customer ({@code sender_action: typing_on}), at most once every five
 * seconds per conversation (the kit's typing relay throttles) and only inside the reply window.
 */
@Component
class TypingDisplay implements TypingSender<ReplyDelivery.Recipient> {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final Customers customers;
    private final Accounts accounts;
    private final GraphApiClient graph;

    TypingDisplay(Customers customers, Accounts accounts, GraphApiClient graph) {
        this.customers = customers;
        this.accounts = accounts;
        this.graph = graph;
    }

    @Override
    public Duration every() {
        return EVERY;
    }

    @Override
    public Optional<ReplyDelivery.Recipient> target(TypingChanged typing, Instant now) {
        Optional<Customers.Customer> customer = customers.of(typing.tenantId(), typing.conversationId());
        Optional<Account> account = customer.flatMap(c -> accounts.byId(c.channelId()));
        if (account.isEmpty() || outsideWindow(customer.get(), account.get(), now)) {
            return Optional.empty();
        }
        return accounts.token(account.get().id())
                .map(token -> new ReplyDelivery.Recipient(
                        account.get(), token, customer.get().igsid(), null));
    }

    @Override
    public void show(ReplyDelivery.Recipient recipient) {
        graph.typingOn(recipient.token(), recipient.account().accountId(), recipient.igsid());
    }

    private static boolean outsideWindow(Customers.Customer customer, Account account, Instant now) {
        return customer.lastMessageAt() == null
                || customer.lastMessageAt().plus(ReplyDelivery.window(account)).isBefore(now);
    }
}
