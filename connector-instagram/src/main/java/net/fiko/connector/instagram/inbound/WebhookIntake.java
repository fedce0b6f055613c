package net.fiko.connector.instagram.inbound;

import io.micrometer.observation.Observation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.media.MediaReferences;
import net.fiko.connector.kit.intake.GroupCommit;
import net.fiko.connector.kit.intake.GroupCommits;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.observability.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One webhook call: signature first, over the raw bytes with the registered apps' secrets, before anything is parsed;
 * then every account the payload names must have signed it; then every {@code entry}
 * and every {@code messaging} item, each {@code mid} published once, all of them on Kafka before the 200. When Kafka
 * does not take them, or the connector dies before it does, the ids are not kept (the call gets a 503), so Meta's
 * redelivery is published. Echoes of the messages Fiko sent are dropped by {@code mid}; echoes of messages sent from
 * the Instagram app become {@code business_message_sent}.
 */
@Component
class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    /** What became of a webhook call. */
    enum Outcome {
        ACCEPTED,
        UNAUTHORIZED,
        UNAVAILABLE
    }

    private final Accounts accounts;
    private final Customers customers;
    private final ProfileFetcher profiles;
    private final EventPublisher events;
    private final SeenMids mids;
    private final Traces traces;
    private final MediaReferences media;
    private final GroupCommit<Webhook, List<MessagingNormalizer.Normalized>> intake;
    private final Clock clock;

    WebhookIntake(
            Accounts accounts,
            Customers customers,
            ProfileFetcher profiles,
            EventPublisher events,
            SeenMids mids,
            GroupCommits commits,
            Clock clock,
            Traces traces,
            MediaReferences media) {
        this.media = media;
        this.traces = traces;
        this.accounts = accounts;
        this.customers = customers;
        this.profiles = profiles;
        this.events = events;
        this.mids = mids;
        this.intake = commits.of("instagram-webhooks", this::stage);
        this.clock = clock;
    }

    Outcome accept(byte[] body, String signature) {
        if (signature == null || !signedByARegisteredApp(body, signature)) {
            return Outcome.UNAUTHORIZED;
        }
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return Outcome.UNAUTHORIZED;
        }
        Map<String, Account> named = new LinkedHashMap<>();
        for (JsonNode entry : payload.path("entry")) {
            String id = entry.path("id").asString("");
            if (!named.containsKey(id)) {
                accounts.byInstagramId(id).ifPresent(account -> named.put(id, account));
            }
        }
        if (named.isEmpty()) {
            // Signed by an app we know, for no account we know (one removed since): nothing to publish, nothing to
            // retry.
            log.info("Ignored an Instagram webhook for no registered account");
            return Outcome.ACCEPTED;
        }
        for (Account account : named.values()) {
            if (!WebhookSignature.valid(accounts.appSecret(account.id()), body, signature)) {
                return Outcome.UNAUTHORIZED;
            }
        }
        Instant now = clock.instant();
        // Each mid is recorded in the transaction that waits for Kafka (the group commit of the webhooks arriving
        // together), committed only once Kafka has every message: a crash before that rolls the records back, so
        // Meta's redelivery is published.
        Optional<List<MessagingNormalizer.Normalized>> taken =
                intake.take(new Webhook(payload, named, now, traces.currentObservation()));
        if (taken.isEmpty()) {
            log.warn("An Instagram webhook was not taken: Meta will send it again");
            return Outcome.UNAVAILABLE;
        }
        List<MessagingNormalizer.Normalized> fresh = taken.get();
        log.debug("An Instagram webhook for {} account(s): {} new message(s)", named.size(), fresh.size());
        fresh.stream().filter(message -> !message.echo()).forEach(message -> profiles.refreshIfStale(message.event()));
        return Outcome.ACCEPTED;
    }

    /** A batch of webhooks in its transaction: each one's messages seen for the first time, sent to Kafka. */
    private List<List<MessagingNormalizer.Normalized>> stage(
            List<Webhook> webhooks, Consumer<CompletableFuture<?>> sends) {
        List<List<MessagingNormalizer.Normalized>> outcomes = new ArrayList<>(webhooks.size());
        for (Webhook webhook : webhooks) {
            List<MessagingNormalizer.Normalized> fresh = new ArrayList<>();
            for (JsonNode entry : webhook.payload().path("entry")) {
                Account account = webhook.named().get(entry.path("id").asString(""));
                if (account == null) {
                    continue;
                }
                for (JsonNode item : entry.path("messaging")) {
                    normalize(account, item, webhook.at())
                            .filter(message -> !(message.echo() && mids.sentByUs(message.mid(), message.igsid())))
                            .filter(message -> mids.firstTime(message.mid(), webhook.at()))
                            .ifPresent(fresh::add);
                }
            }
            media.recordAll(
                    fresh.stream().map(MessagingNormalizer.Normalized::event).toList(), webhook.at());
            // Each record continues its webhook's trace: the batch runs on the group commit's thread.
            fresh.forEach(message -> sends.accept(
                    webhook.origin().scoped(() -> events.publish(Topics.INBOUND_MESSAGES, message.event()))));
            outcomes.add(fresh);
        }
        return outcomes;
    }

    /** A signed webhook call and the registered accounts it names. */
    private record Webhook(JsonNode payload, Map<String, Account> named, Instant at, Observation origin) {}

    private Optional<MessagingNormalizer.Normalized> normalize(Account account, JsonNode item, Instant now) {
        JsonNode message = item.path("message");
        boolean echo = message.path("is_echo").asBoolean(false);
        String igsid =
                (echo ? item.path("recipient") : item.path("sender")).path("id").asString("");
        Optional<Customers.Customer> cached = igsid.isEmpty() ? Optional.empty() : customers.on(account.id(), igsid);
        Customer known = new Customer(
                null,
                Platform.INSTAGRAM,
                igsid,
                cached.map(Customers.Customer::name).orElse(null),
                null,
                cached.map(Customers.Customer::username).orElse(null));
        Optional<MessagingNormalizer.Normalized> normalized = MessagingNormalizer.normalize(
                        account, item, known, now, media.baseUrl())
                .map(n -> cached.map(c -> n.inConversation(c.conversationId())).orElse(n));
        normalized.ifPresent(n -> customers.remember(
                n.event().conversationId(), account.tenantId(), account.id(), n.igsid(), n.echo() ? null : n.sentAt()));
        return normalized;
    }

    /**
     * Whether one of the registered accounts' app secrets signed exactly these bytes: checked before the body is
     * parsed or anything is read for it, so an unsigned call costs a few HMACs over bytes already bounded in size.
     */
    private boolean signedByARegisteredApp(byte[] body, String signature) {
        for (boolean fresh : new boolean[] {false, true}) {
            for (String secret : accounts.appSecrets(fresh)) {
                if (WebhookSignature.valid(secret, body, signature)) {
                    return true;
                }
            }
        }
        return false;
    }
}
