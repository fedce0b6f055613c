package net.fiko.gateway.fanout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.protocol.Frames.ExternalSendResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Holds an agent's reply to a platform customer until the platform answers, so that {@code chat_message} carries
 * {@code external_send_result} as the seed's client expects; after the wait it goes out as pending. Whatever comes
 * after the {@code chat_message} goes out as {@code message_status}.
 *
 * <p>A chat's messages still reach its sockets in sequence order: the next message of the chat releases the replies
 * held before it, as pending, just ahead of itself, and never waits behind them. Releases of one chat (the
 * platform's answer, the deadline, the next message) are serialized, whichever thread they come from.
 */
@Component
class DeliveryWait implements DisposableBean {

    private final ScheduledExecutorService timer = DaemonTimers.named("delivery-wait");
    /** The replies held per conversation, oldest first; a conversation without any has no entry. */
    private final Map<String, LinkedHashMap<String, Held>> held = new ConcurrentHashMap<>();

    private final long waitMillis;

    DeliveryWait(GatewayProperties properties) {
        this.waitMillis = properties.deliveryWait().toMillis();
    }

    /** Holds the message; {@code release} gets its {@code chat_message} when the platform answers or the wait ends. */
    void hold(Message message, Consumer<Object> release) {
        String conversation = message.conversationId();
        held.compute(conversation, (id, line) -> {
            LinkedHashMap<String, Held> replies = line == null ? new LinkedHashMap<>() : line;
            Held entry = new Held(message, release);
            replies.put(message.id(), entry);
            entry.deadline = timer.schedule(
                    () -> releaseThrough(conversation, message.id(), pending(message)),
                    waitMillis,
                    TimeUnit.MILLISECONDS);
            return replies;
        });
    }

    /**
     * Sends a chat's next message: first, as pending, every reply of the chat still held, then this one, so the chat
     * keeps its order.
     */
    void pass(String conversationId, Runnable send) {
        held.compute(conversationId, (id, line) -> {
            if (line != null) {
                for (Held entry : line.values()) {
                    entry.deadline.cancel(false);
                    entry.release.accept(Frames.chatMessage(entry.message, pending(entry.message)));
                }
            }
            send.run();
            return null;
        });
    }

    /** Sends the held {@code chat_message} with the platform's answer, or else a {@code message_status}. */
    void answered(DeliveryUpdated update, Consumer<Object> release) {
        var result = new ExternalSendResult(
                update.status() == DeliveryStatus.SENT || update.status() == DeliveryStatus.DELIVERED,
                update.platform() == null ? null : update.platform().wireName(),
                update.reason(),
                update.status().wireName());
        if (!releaseThrough(update.conversationId(), update.messageId(), result)) {
            release.accept(Frames.messageStatus(update.messageId(), update.conversationId(), result));
        }
    }

    /**
     * Releases a held reply with {@code result}, after the replies held before it, which go as pending; false if the
     * reply is not held (any more).
     */
    private boolean releaseThrough(String conversationId, String messageId, ExternalSendResult result) {
        boolean[] found = new boolean[1];
        held.computeIfPresent(conversationId, (id, line) -> {
            if (!line.containsKey(messageId)) {
                return line;
            }
            found[0] = true;
            var replies = line.values().iterator();
            while (replies.hasNext()) {
                Held entry = replies.next();
                replies.remove();
                entry.deadline.cancel(false);
                if (entry.message.id().equals(messageId)) {
                    entry.release.accept(Frames.chatMessage(entry.message, result));
                    break;
                }
                entry.release.accept(Frames.chatMessage(entry.message, pending(entry.message)));
            }
            return line.isEmpty() ? null : line;
        });
        return found[0];
    }

    private static ExternalSendResult pending(Message message) {
        String platform = message.customer() == null || message.customer().source() == null
                ? null
                : message.customer().source().wireName();
        return new ExternalSendResult(false, platform, null, DeliveryStatus.PENDING.wireName());
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private static final class Held {
        final Message message;
        final Consumer<Object> release;
        volatile ScheduledFuture<?> deadline;

        Held(Message message, Consumer<Object> release) {
            this.message = message;
            this.release = release;
        }
    }
}
