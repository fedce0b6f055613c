package net.fiko.connector.instagram.outbound;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.connector.instagram.account.Account;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.account.Customers;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.instagram.client.GraphApiException;
import net.fiko.connector.instagram.client.GraphFailure;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Delivers agents' replies through the Send API and publishes every outcome. A reply outside Meta's window (24 hours
 * after the customer's last message, 7 days on an account using the HUMAN_AGENT tag) fails at once with that reason,
 * without calling Meta. Texts over 1000 UTF-8 bytes go as several messages, in order. Throttling and Meta's temporary
 * errors back off with jitter; an expired token marks the account for re-authorization; other refusals fail with
 * Meta's reason. A command whose message was already sent is not sent again, and the ids of what was sent let the
 * webhook drop the echoes.
 */
@Component
class ReplyDelivery {

    static final int MAX_BYTES = 1000;
    static final int MAX_ATTEMPTS = 5;

    private final Accounts accounts;
    private final Customers customers;
    private final GraphApiClient graph;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReplyDelivery(
            Accounts accounts,
            Customers customers,
            GraphApiClient graph,
            EventPublisher events,
            JdbcTemplate jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.customers = customers;
        this.graph = graph;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @KafkaListener(
            id = "instagram-outbound",
            groupId = "${spring.kafka.consumer.group-id}.outbound",
            topics = "#{T(net.fiko.events.Topics).OUTBOUND_INSTAGRAM.name()}")
    void onCommand(ConsumerRecord<String, byte[]> record) {
        if (EventRecords.read(record, OutboundCommand.class) instanceof ReplyRequested reply) {
            events.publish(Topics.DELIVERY_RESULTS, deliver(reply)).join();
        }
    }

    DeliveryResult deliver(ReplyRequested reply) {
        Optional<String> alreadySent = jdbc
                .queryForList("SELECT mids FROM sent_messages WHERE message_id = ?", String.class, reply.messageId())
                .stream()
                .findFirst();
        if (alreadySent.isPresent()) {
            return succeeded(reply, last(alreadySent.get()), 1);
        }
        Optional<Account> found = accounts.byId(reply.channelId());
        if (found.isEmpty()) {
            return failed(reply, "The Instagram account is no longer connected", "channel", 1);
        }
        Account account = found.get();
        Optional<String> token = accounts.token(account.id());
        if (token.isEmpty()) {
            return failed(reply, "The Instagram account must be reconnected: its access token expired", "190", 1);
        }
        Optional<Instant> lastWrote =
                customers.of(reply.tenantId(), reply.conversationId()).map(Customers.Customer::lastMessageAt);
        if (lastWrote.isPresent() && lastWrote.get().plus(window(account)).isBefore(clock.instant())) {
            return failed(reply, windowReason(account), "window", 1);
        }
        jdbc.update(
                "INSERT INTO sends_in_flight (message_id, recipient_id, started_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (message_id) DO UPDATE SET started_at = excluded.started_at",
                reply.messageId(),
                reply.externalChatId(),
                Timestamp.from(clock.instant()));
        try {
            return send(reply, account, token.get());
        } finally {
            jdbc.update("DELETE FROM sends_in_flight WHERE message_id = ?", reply.messageId());
        }
    }

    private DeliveryResult send(ReplyRequested reply, Account account, String token) {
        int attempts = 0;
        List<String> mids = new ArrayList<>();
        for (String part : parts(reply.content())) {
            while (true) {
                attempts++;
                try {
                    String mid = graph.sendText(
                            token, account.accountId(), reply.externalChatId(), part, account.humanAgentTag());
                    jdbc.update(
                            "INSERT INTO sent_mids (mid, message_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                            mid,
                            reply.messageId(),
                            Timestamp.from(clock.instant()));
                    mids.add(mid);
                    break;
                } catch (GraphApiException e) {
                    GraphFailure failure = e.failure();
                    if (failure.kind() == GraphFailure.Kind.TOKEN_EXPIRED) {
                        accounts.needsReauthorization(account.id());
                    }
                    if (failure.kind() == GraphFailure.Kind.OUTSIDE_WINDOW) {
                        return failed(reply, windowReason(account), code(failure), attempts);
                    }
                    if (!failure.kind().retryable() || attempts >= MAX_ATTEMPTS) {
                        return failed(reply, failure.reason(), code(failure), attempts);
                    }
                    pause(attempts);
                }
            }
        }
        jdbc.update(
                "INSERT INTO sent_messages (message_id, channel_id, mids, attempts, sent_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                reply.messageId(),
                account.id(),
                String.join(",", mids),
                attempts,
                Timestamp.from(clock.instant()));
        return succeeded(reply, mids.get(mids.size() - 1), attempts);
    }

    /** Splits a text into parts of at most 1000 UTF-8 bytes, whole characters, preferring to cut after a space. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            int lastSpace = -1;
            while (end < text.length()) {
                int codePoint = text.codePointAt(end);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > MAX_BYTES) {
                    break;
                }
                bytes += size;
                end += Character.charCount(codePoint);
                if (Character.isWhitespace(codePoint)) {
                    lastSpace = end;
                }
            }
            if (end < text.length() && lastSpace > start + (end - start) / 2) {
                end = lastSpace;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    static Duration window(Account account) {
        return account.humanAgentTag() ? Accounts.HUMAN_AGENT_WINDOW : Accounts.STANDARD_WINDOW;
    }

    private static String windowReason(Account account) {
        return account.humanAgentTag()
                ? "The customer's last message is older than 7 days"
                : "The customer's last message is older than 24 hours";
    }

    private static String code(GraphFailure failure) {
        return failure.subcode() > 0 ? failure.code() + "/" + failure.subcode() : Integer.toString(failure.code());
    }

    private static String last(String mids) {
        return mids.substring(mids.lastIndexOf(',') + 1);
    }

    /** 1 s doubling per attempt with jitter, at most 60 s. */
    private static void pause(int attempts) {
        long millis = Math.min(60_000, 1000L << (attempts - 1))
                + ThreadLocalRandom.current().nextLong(250);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private DeliveryResult succeeded(ReplyRequested reply, String mid, int attempts) {
        return reply.succeeded(Platform.INSTAGRAM, mid, attempts, clock.instant());
    }

    private DeliveryResult failed(ReplyRequested reply, String reason, String code, int attempts) {
        return reply.failed(Platform.INSTAGRAM, reason, code, attempts, clock.instant());
    }
}
