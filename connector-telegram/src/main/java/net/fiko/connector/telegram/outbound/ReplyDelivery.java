package net.fiko.connector.telegram.outbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.connector.telegram.client.BotApiException;
import net.fiko.connector.telegram.client.BotApiFailure;
import net.fiko.connector.telegram.system.TelegramProperties;
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
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Delivers agents' replies through the Bot API and publishes every outcome. Sends are paced to about one a second
 * per chat and thirty per bot. Texts over 4096 characters go as several messages, in order. A 429 waits exactly
 * Telegram's {@code retry_after}; 5xx and network errors back off with jitter; both are retried for
 * {@code fiko.telegram.delivery-retry-for} (90 s) from the first attempt, so an outage of Telegram shorter than that
 * loses no reply. A refusal that no retry can change fails at once with a reason a person understands, and a revoked
 * token marks the channel disconnected. A command whose message was already sent is not sent again.
 */
@Component
class ReplyDelivery {

    static final int MAX_TEXT = 4096;

    private final Channels channels;
    private final Chats chats;
    private final BotApiClient telegram;
    private final EventPublisher events;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SendPacing pacing = SendPacing.system();
    private final Duration retryFor;
    /** Replies Telegram took whose ledger row could not be written yet: never sent again while this process lives. */
    private final Map<String, Sent> sentNotRecorded = new java.util.concurrent.ConcurrentHashMap<>();

    ReplyDelivery(
            Channels channels,
            Chats chats,
            BotApiClient telegram,
            EventPublisher events,
            JdbcTemplate jdbc,
            Clock clock,
            TelegramProperties properties) {
        this.channels = channels;
        this.chats = chats;
        this.telegram = telegram;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.retryFor = properties.deliveryRetryFor();
    }

    /**
     * Delivers a poll's replies (up to 200) taking the chats in turn: the next reply sent is always that of the chat whose pacing
     * lets it go soonest, so a chat with a backlog (its agent's resends after an outage arrive together) never holds
     * the other chats behind its one message a second. Each chat's replies keep their order. A failure is reported at
     * the exact record that failed: the replies before it are finished first; those already sent after it are
     * skipped by the ledger when the batch comes again.
     */
    @KafkaListener(
            id = "telegram-outbound",
            groupId = "${spring.kafka.consumer.group-id}.outbound",
            topics = "#{T(net.fiko.events.Topics).OUTBOUND_TELEGRAM.name()}",
            batch = "true",
            // A poll holds replies of many chats to take in turn; at one a second per chat and 30 per bot, 200 take
            // at most 200 s even if they are all one chat's, within the 10 minutes a poll may take.
            properties = {"max.poll.records=200", "max.poll.interval.ms=600000"})
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<ReplyRequested> replies = new ArrayList<>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                replies.add(
                        EventRecords.read(record, OutboundCommand.class) instanceof ReplyRequested reply
                                ? reply
                                : null);
            } catch (RuntimeException e) {
                unreadable = e;
                break;
            }
        }
        boolean[] done = new boolean[replies.size()];
        Map<String, ArrayDeque<Integer>> chats = new LinkedHashMap<>();
        for (int i = 0; i < replies.size(); i++) {
            ReplyRequested reply = replies.get(i);
            if (reply == null) {
                done[i] = true;
            } else {
                chats.computeIfAbsent(reply.channelId() + "/" + reply.externalChatId(), chat -> new ArrayDeque<>())
                        .add(i);
            }
        }
        while (!chats.isEmpty()) {
            ArrayDeque<Integer> soonest = null;
            long soonestDelay = Long.MAX_VALUE;
            for (ArrayDeque<Integer> line : chats.values()) {
                long delay = delay(replies.get(line.peekFirst()));
                if (delay < soonestDelay) {
                    soonest = line;
                    soonestDelay = delay;
                }
            }
            int next = soonest.pollFirst();
            if (soonest.isEmpty()) {
                chats.values().remove(soonest);
            }
            try {
                publish(deliver(replies.get(next)));
                done[next] = true;
            } catch (RuntimeException failure) {
                finishBefore(next, replies, done);
                throw new BatchListenerFailedException(failure.toString(), failure, next);
            }
        }
        if (unreadable != null) {
            throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, replies.size());
        }
    }

    /** Delivers, in order, the replies before {@code index} not delivered yet, so a failure can name its record. */
    private void finishBefore(int index, List<ReplyRequested> replies, boolean[] done) {
        for (int i = 0; i < index; i++) {
            if (!done[i]) {
                try {
                    publish(deliver(replies.get(i)));
                    done[i] = true;
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(failure.toString(), failure, i);
                }
            }
        }
    }

    /** How long a reply's chat must wait before its next send (0 when it may go now). */
    private long delay(ReplyRequested reply) {
        try {
            return pacing.delay(reply.channelId(), Long.parseLong(reply.externalChatId()));
        } catch (NumberFormatException e) {
            return 0; // failed at once by deliver
        }
    }

    DeliveryResult deliver(ReplyRequested reply) {
        Sent unrecorded = sentNotRecorded.get(reply.messageId());
        if (unrecorded != null) {
            // Telegram took it; only the ledger did not (the database was down): record it, never send it again.
            record(reply, unrecorded);
            return succeeded(reply, unrecorded.telegramId(), unrecorded.attempts());
        }
        Optional<Long> alreadySent = jdbc
                .queryForList(
                        "SELECT telegram_message_id FROM sent_messages WHERE message_id = ?",
                        Long.class,
                        reply.messageId())
                .stream()
                .findFirst();
        if (alreadySent.isPresent()) {
            return succeeded(reply, alreadySent.get(), 1);
        }
        Optional<String> token = channels.token(reply.channelId());
        if (token.isEmpty()) {
            return failed(reply, "The bot is no longer connected", "channel", 1);
        }
        long chatId;
        try {
            chatId = Long.parseLong(reply.externalChatId());
        } catch (NumberFormatException e) {
            return failed(reply, "The customer's chat was not found", "chat_id", 1);
        }
        chats.remember(reply.conversationId(), reply.tenantId(), reply.channelId(), chatId);
        int attempts = 0;
        long lastId = 0;
        long giveUpAt = System.nanoTime() + retryFor.toNanos();
        for (String part : parts(reply.content())) {
            while (true) {
                attempts++;
                pacing.await(reply.channelId(), chatId);
                try {
                    lastId = telegram.sendMessage(token.get(), chatId, part);
                    break;
                } catch (BotApiException e) {
                    BotApiFailure failure = e.failure();
                    if (failure.kind() == BotApiFailure.Kind.TOKEN_REVOKED) {
                        channels.disconnected(reply.channelId());
                    }
                    if (!failure.kind().retryable() || System.nanoTime() - giveUpAt > 0) {
                        return failed(reply, failure.reason(), Integer.toString(failure.errorCode()), attempts);
                    }
                    pause(failure, attempts);
                }
            }
        }
        Sent sent = new Sent(lastId, attempts, clock.instant());
        // Kept until the ledger has it: if the database fails now, the record comes again and is not sent twice.
        sentNotRecorded.put(reply.messageId(), sent);
        record(reply, sent);
        return succeeded(reply, lastId, attempts);
    }

    private void record(ReplyRequested reply, Sent sent) {
        jdbc.update(
                "INSERT INTO sent_messages (message_id, channel_id, telegram_message_id, attempts, sent_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                reply.messageId(),
                reply.channelId(),
                sent.telegramId(),
                sent.attempts(),
                Timestamp.from(sent.at()));
        sentNotRecorded.remove(reply.messageId());
    }

    /** A reply Telegram took: its message id there, the attempts it took, when. */
    private record Sent(long telegramId, int attempts, Instant at) {}

    /** Splits a text into parts Telegram takes, without cutting a character in two. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(MAX_TEXT, text.codePointCount(start, text.length())));
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    /** Waits exactly retry_after when rate limited, else 1 s doubling per attempt with jitter, at most 60 s. */
    private static void pause(BotApiFailure failure, int attempts) {
        Duration wait = failure.retryAfter() != null
                ? failure.retryAfter()
                : Duration.ofMillis(Math.min(60_000, 1000L << (attempts - 1))
                        + ThreadLocalRandom.current().nextLong(250));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait.toMillis()));
    }

    private DeliveryResult succeeded(ReplyRequested reply, long telegramId, int attempts) {
        return reply.succeeded(Platform.TELEGRAM, Long.toString(telegramId), attempts, clock.instant());
    }

    private DeliveryResult failed(ReplyRequested reply, String reason, String code, int attempts) {
        return reply.failed(Platform.TELEGRAM, reason, code, attempts, clock.instant());
    }

    private void publish(DeliveryResult result) {
        events.publish(Topics.DELIVERY_RESULTS, result).join();
    }
}
