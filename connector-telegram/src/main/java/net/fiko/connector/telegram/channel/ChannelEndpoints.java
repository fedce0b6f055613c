package net.fiko.connector.telegram.channel;

import java.util.List;
import java.util.Map;
import net.fiko.connector.kit.channel.RegistrationAnswers;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's Telegram bots: register (with the bot token), list, remove. Tokens are never returned. */
@RestController
@RequestMapping("/api/telegram/channels")
class ChannelController extends RegistrationEndpoints<Channel> {

    private final Channels channels;

    ChannelController(Channels channels) {
        super("Channel");
        this.channels = channels;
    }

    @Override
    protected ResponseEntity<?> registerFor(String tenantId, Map<String, Object> body) {
        Object token = body.get("token");
        if (!(token instanceof String text) || !text.matches("\\d+:[A-Za-z0-9_-]{20,}")) {
            return RegistrationAnswers.error(
                    HttpStatus.BAD_REQUEST, "Invalid token", "token must be a bot token from @BotFather.");
        }
        return RegistrationAnswers.register(
                () -> channels.register(tenantId, text),
                "Telegram",
                "bot token",
                "This bot is registered for your business.");
    }

    @Override
    protected List<Channel> registered(String tenantId) {
        return channels.of(tenantId);
    }

    @Override
    protected boolean removeFor(String tenantId, String id) {
        return channels.remove(tenantId, id);
    }
}
