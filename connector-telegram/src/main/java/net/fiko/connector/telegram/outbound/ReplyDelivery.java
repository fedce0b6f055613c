package net.fiko.connector.telegram.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.delivery.Pacing;
import net.fiko.connector.kit.delivery.ReplySender;
import net.fiko.connector.kit.delivery.Target;
import net.fiko.connector.kit.delivery.TextParts;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.connector.kit.typing.TypingSender;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import org.springframework.stereotype.Component;

/**
 * Telegram's part in delivering agents' replies (the connector kit's delivery loop does the rest): {@code sendMessage}
 * through the channel's bot, paced to about one message a second per chat and thirty per bot; texts over 4096
 * characters as several messages, in order. A reply to a bot no longer connected, or to a chat id Telegram cannot
 * have, fails without a call; a revoked token marks the channel disconnected. An agent's typing shows as
 * {@code sendChatAction typing}, at most every four seconds per conversation.
 */
@Component
class ReplyDelivery implements ReplySender<ReplyDelivery.Chat>, TypingSender<ReplyDelivery.Chat> {

    static final int MAX_TEXT = 4096;
    static final Pacing.Limits LIMITS = new Pacing.Limits(Duration.ofSeconds(1), Duration.ofMillis(1000 / 30 + 1));
    /** Telegram shows {@code typing} for up to five seconds. */
    static final Duration TYPING_EVERY = Duration.ofSeconds(4);

    /** A customer's chat, and the bot that answers in it. */
    record Chat(String channelId, String token, long chatId) {}

    private final Channels channels;
    private final Chats chats;
    private final BotApiClient telegram;

    ReplyDelivery(Channels channels, Chats chats, BotApiClient telegram) {
        this.channels = channels;
        this.chats = chats;
        this.telegram = telegram;
    }

    @Override
    public void forget(CustomerDataErasureRequested erasure) {
        chats.forget(erasure.tenantId(), erasure.conversationId());
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public Topic<OutboundCommand> topic() {
        return Topics.OUTBOUND_TELEGRAM;
    }

    @Override
    public Pacing.Limits limits() {
        return LIMITS;
    }

    @Override
    public Target<Chat> target(ReplyRequested reply) {
        Optional<String> token = channels.token(reply.channelId());
        if (token.isEmpty()) {
            return Target.refused("The bot is no longer connected", "channel");
        }
        long chatId;
        try {
            chatId = Long.parseLong(reply.externalChatId());
        } catch (NumberFormatException e) {
            return Target.refused("The customer's chat was not found", "chat_id");
        }
        chats.remember(reply.conversationId(), reply.tenantId(), reply.channelId(), chatId);
        return Target.ready(new Chat(reply.channelId(), token.get(), chatId));
    }

    @Override
    public List<String> parts(String text) {
        return TextParts.byCharacters(text, MAX_TEXT);
    }

    @Override
    public String send(Chat chat, String part) {
        return Long.toString(telegram.sendMessage(chat.token(), chat.chatId(), part));
    }

    @Override
    public PlatformFailure failed(Chat chat, PlatformFailure failure) {
        if (failure.credentialsRevoked()) {
            channels.disconnected(chat.channelId());
        }
        return failure;
    }

    @Override
    public Duration every() {
        return TYPING_EVERY;
    }

    @Override
    public Optional<Chat> target(TypingChanged typing, Instant now) {
        return chats.of(typing.tenantId(), typing.conversationId())
                .flatMap(chat -> channels.token(chat.channelId())
                        .map(token -> new Chat(chat.channelId(), token, chat.chatId())));
    }

    @Override
    public void show(Chat chat) {
        telegram.sendChatAction(chat.token(), chat.chatId(), "typing");
    }
}
