package net.fiko.gateway.fanout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.protocol.Frames.ExternalSendResult;
import net.fiko.gateway.system.DaemonTimers;
import net.fiko.gateway.system.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Holds an agent's reply to a platform customer until the platform answers, so that {@code chat_message} carries
 * {@code external_send_result} as the seed's client expects; after the wait it goes out as pending. Whatever comes
 * after the {@code chat_message} goes out as {@code message_status}.
 */
@Component
class DeliveryWait implements DisposableBean {

    private final ScheduledExecutorService timer = DaemonTimers.named("delivery-wait");
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final long waitMillis;

    DeliveryWait(GatewayProperties properties) {
        this.waitMillis = properties.deliveryWait().toMillis();
    }

    /** Holds the message; {@code release} gets its {@code chat_message} when the platform answers or the wait ends. */
    void hold(Message message, Consumer<Object> release) {
        Held entry = new Held(message, release);
        held.put(message.id(), entry);
        entry.deadline = timer.schedule(
                () -> {
                    if (held.remove(message.id(), entry)) {
                        release.accept(Frames.chatMessage(message, pending(message)));
                    }
                },
                waitMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Sends the held {@code chat_message} with the platform's answer, or else a {@code message_status}. */
    void answered(DeliveryUpdated update, Consumer<Object> release) {
        var result = new ExternalSendResult(
                update.status() == DeliveryStatus.SENT || update.status() == DeliveryStatus.DELIVERED,
                update.platform() == null ? null : update.platform().wireName(),
                update.reason(),
                update.status().wireName());
        Held entry = held.remove(update.messageId());
        if (entry != null) {
            entry.deadline.cancel(false);
            entry.release.accept(Frames.chatMessage(entry.message, result));
        } else {
            release.accept(Frames.messageStatus(update.messageId(), update.conversationId(), result));
        }
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
