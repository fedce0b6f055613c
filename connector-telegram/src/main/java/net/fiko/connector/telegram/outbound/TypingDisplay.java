package net.fiko.connector.telegram.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.fiko.connector.kit.typing.TypingSender;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.events.ephemeral.TypingChanged;
import org.springframework.stereotype.Component;

/**
 * Shows an agent's typing in the customer's Telegram chat: {@code sendChatAction typing}, which Telegram displays for
 * up to five seconds, so at most once every four seconds per conversation (the kit's typing relay throttles).
 */
@Component
class TypingDisplay implements TypingSender<ReplyDelivery.Chat> {

    static final Duration EVERY = Duration.ofSeconds(4);

    private final Chats chats;
    private final Channels channels;
    private final BotApiClient telegram;

    TypingDisplay(Chats chats, Channels channels, BotApiClient telegram) {
        this.chats = chats;
        this.channels = channels;
        this.telegram = telegram;
    }

    @Override
    public Duration every() {
        return EVERY;
    }

    @Override
    public Optional<ReplyDelivery.Chat> target(TypingChanged typing, Instant now) {
        return chats.of(typing.tenantId(), typing.conversationId())
                .flatMap(chat -> channels.token(chat.channelId())
                        .map(token -> new ReplyDelivery.Chat(chat.channelId(), token, chat.chatId())));
    }

    @Override
    public void show(ReplyDelivery.Chat chat) {
        telegram.sendChatAction(chat.token(), chat.chatId(), "typing");
    }
}
