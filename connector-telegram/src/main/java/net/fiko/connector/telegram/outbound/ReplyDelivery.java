package net.fiko.connector.telegram.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.fiko.connector.kit.delivery.Pacing;
import net.fiko.connector.kit.delivery.Part;
import net.fiko.connector.kit.delivery.ReplySender;
import net.fiko.connector.kit.delivery.Target;
import net.fiko.connector.kit.delivery.TextParts;
import net.fiko.connector.kit.media.OutboundFile;
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
 * characters as several messages, in order. An agent's file goes as {@code sendPhoto}, {@code sendDocument},
 * {@code sendVoice}, {@code sendAudio}, {@code sendVideo} or {@code sendAnimation} by its kind, uploaded from the media
 * store, the reply's text its caption when it fits 1024 characters. A reply to a bot no longer connected, or to a chat id Telegram cannot
 * have, fails without a call; a revoked token marks the channel disconnected. An agent's typing shows as
 * {@code sendChatAction typing}, at most every four seconds per conversation.
 */
@Component
class ReplyDelivery implements ReplySender<ReplyDelivery.Chat>, TypingSender<ReplyDelivery.Chat> {

    static final int MAX_TEXT = 4096;
    /** Characters of a file's caption. */
    static final int MAX_CAPTION = 1024;
    /** What a bot may upload: photos up to 10 MB, other files up to 50 MB. */
    static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;

    static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
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
    public int maxCaption() {
        return MAX_CAPTION;
    }

    @Override
    public Optional<Refusal> refuses(OutboundFile file) {
        if (file.size() > MAX_UPLOAD_BYTES) {
            return Optional.of(new Refusal("Telegram takes files of at most 50 MB from a bot", "too_large"));
        }
        return Optional.empty();
    }

    @Override
    public String send(Chat chat, Part part) {
        if (part instanceof Part.File file) {
            SendMethod method = SendMethod.of(file.file());
            return Long.toString(telegram.sendFile(
                    chat.token(),
                    chat.chatId(),
                    method.name(),
                    method.field(),
                    file.file().resource(),
                    file.file().contentType(),
                    file.caption()));
        }
        return Long.toString(telegram.sendMessage(chat.token(), chat.chatId(), ((Part.Text) part).text()));
    }

    /** The Bot API method that sends a kind of file, and the form field it takes the file in. */
    record SendMethod(String name, String field) {

        static SendMethod of(OutboundFile file) {
            return switch (file.kind()) {
                // Telegram takes photos of at most 10 MB; a larger one goes as the file it is.
                case "photo" ->
                    file.size() <= MAX_PHOTO_BYTES
                            ? new SendMethod("sendPhoto", "photo")
                            : new SendMethod("sendDocument", "document");
                case "animation" -> new SendMethod("sendAnimation", "animation");
                case "voice" -> new SendMethod("sendVoice", "voice");
                case "audio" -> new SendMethod("sendAudio", "audio");
                case "video" -> new SendMethod("sendVideo", "video");
                default -> new SendMethod("sendDocument", "document");
            };
        }
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
