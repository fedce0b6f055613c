package net.fiko.connector.instagram.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.instagram.client.GraphFailure;
import net.fiko.connector.instagram.system.InstagramProperties;
import net.fiko.connector.kit.delivery.Pacing;
import net.fiko.connector.kit.delivery.Part;
import net.fiko.connector.kit.delivery.ReplySender;
import net.fiko.connector.kit.delivery.Target;
import net.fiko.connector.kit.delivery.TextParts;
import net.fiko.connector.kit.media.MediaLinks;
import net.fiko.connector.kit.media.OutboundFile;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.connector.kit.typing.TypingSender;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import org.springframework.stereotype.Component;

/**
 * Instagram's part in delivering agents' replies (the connector kit's delivery loop does the rest): the Send API,
 * within about 300 calls a second per account. A reply outside Meta's window (24 hours after the customer's last
 * message, 7 days on an account using the HUMAN_AGENT tag) fails at once with that reason, without calling Meta. Texts
 * over 1000 UTF-8 bytes go as several messages, in order. An agent's file goes as an attachment Meta fetches from a
 * signed link to this connector ({@link MediaLinks}), after the text (Instagram shows no captions), within Meta's
 * formats and sizes ({@link InstagramFiles}). An expired token marks the account for re-authorization.
 * Each send is marked under way while Meta handles it and each message id it returns is kept, so the webhook drops
 * the echoes of our own messages. An agent's typing shows as {@code typing_on} inside the window, at most every five
 * seconds per conversation.
 */
@Component
class ReplyDelivery implements ReplySender<ReplyDelivery.Recipient>, TypingSender<ReplyDelivery.Recipient> {

    static final int MAX_BYTES = 1000;
    static final Pacing.Limits LIMITS = new Pacing.Limits(Duration.ZERO, Duration.ofNanos(1_000_000_000L / 300));
    static final Duration TYPING_EVERY = Duration.ofSeconds(5);

    /** A customer on Instagram, the account that answers them, and the reply under way. */
    record Recipient(Account account, String token, String igsid, String messageId) {}

    private final Accounts accounts;
    private final Customers customers;
    private final GraphApiClient graph;
    private final OwnSends sends;
    private final Clock clock;
    private final MediaLinks links;
    private final String publicBaseUrl;

    ReplyDelivery(
            Accounts accounts,
            Customers customers,
            GraphApiClient graph,
            OwnSends sends,
            Clock clock,
            MediaLinks links,
            InstagramProperties properties) {
        this.links = links;
        this.publicBaseUrl = properties.publicBaseUrl();
        this.accounts = accounts;
        this.customers = customers;
        this.graph = graph;
        this.sends = sends;
        this.clock = clock;
    }

    @Override
    public void forget(CustomerDataErasureRequested erasure) {
        customers.forget(erasure.tenantId(), erasure.conversationId());
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public Topic<OutboundCommand> topic() {
        return Topics.OUTBOUND_INSTAGRAM;
    }

    @Override
    public Pacing.Limits limits() {
        return LIMITS;
    }

    @Override
    public Target<Recipient> target(ReplyRequested reply) {
        Optional<Account> found = accounts.byId(reply.channelId());
        if (found.isEmpty()) {
            return Target.refused("The Instagram account is no longer connected", "channel");
        }
        Account account = found.get();
        Optional<String> token = accounts.token(account.id());
        if (token.isEmpty()) {
            return Target.refused("The Instagram account must be reconnected: its access token expired", "190");
        }
        Optional<Instant> lastWrote =
                customers.of(reply.tenantId(), reply.conversationId()).map(Customers.Customer::lastMessageAt);
        if (lastWrote.isPresent() && lastWrote.get().plus(window(account)).isBefore(clock.instant())) {
            return Target.refused(windowReason(account), "window");
        }
        return Target.ready(new Recipient(account, token.get(), reply.externalChatId(), reply.messageId()));
    }

    @Override
    public Optional<Refusal> refuses(OutboundFile file) {
        return InstagramFiles.refuses(file);
    }

    @Override
    public String send(Recipient recipient, Part part) {
        Account account = recipient.account();
        return sends.send(
                recipient.messageId(),
                recipient.igsid(),
                () -> part instanceof Part.File file
                        ? graph.sendAttachment(
                                recipient.token(),
                                account.accountId(),
                                recipient.igsid(),
                                InstagramFiles.type(file.file()),
                                publicBaseUrl + links.link(file.file().stored().key()),
                                account.humanAgentTag())
                        : graph.sendText(
                                recipient.token(),
                                account.accountId(),
                                recipient.igsid(),
                                ((Part.Text) part).text(),
                                account.humanAgentTag()));
    }

    @Override
    public PlatformFailure failed(Recipient recipient, PlatformFailure failure) {
        if (failure.credentialsRevoked()) {
            accounts.needsReauthorization(recipient.account().id());
        }
        if (failure instanceof GraphFailure graphFailure && graphFailure.kind() == GraphFailure.Kind.OUTSIDE_WINDOW) {
            return new GraphFailure(
                    graphFailure.kind(),
                    windowReason(recipient.account()),
                    graphFailure.errorCode(),
                    graphFailure.subcode(),
                    graphFailure.detail());
        }
        return failure;
    }

    @Override
    public List<String> parts(String text) {
        return TextParts.byUtf8Bytes(text, MAX_BYTES);
    }

    @Override
    public Duration every() {
        return TYPING_EVERY;
    }

    /** Typing shows only inside the reply window. */
    @Override
    public Optional<Recipient> target(TypingChanged typing, Instant now) {
        Optional<Customers.Customer> customer = customers.of(typing.tenantId(), typing.conversationId());
        Optional<Account> account = customer.flatMap(c -> accounts.byId(c.channelId()));
        if (account.isEmpty()
                || customer.get().lastMessageAt() == null
                || customer.get().lastMessageAt().plus(window(account.get())).isBefore(now)) {
            return Optional.empty();
        }
        return accounts.token(account.get().id())
                .map(token -> new Recipient(account.get(), token, customer.get().igsid(), null));
    }

    @Override
    public void show(Recipient recipient) {
        graph.typingOn(recipient.token(), recipient.account().accountId(), recipient.igsid());
    }

    static Duration window(Account account) {
        return account.humanAgentTag() ? Accounts.HUMAN_AGENT_WINDOW : Accounts.STANDARD_WINDOW;
    }

    private static String windowReason(Account account) {
        return account.humanAgentTag()
                ? "The customer's last message is older than 7 days"
                : "The customer's last message is older than 24 hours";
    }
}
