package net.fiko.connector.telegram.channel;

import java.util.List;
import java.util.Map;
import net.fiko.connector.kit.channel.RegistrationAnswers;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's Telegram bots: register (with the bot token), list, remove. Tokens are never returned. */
@RestController
@RequestMapping("/api/telegram/channels")
class ChannelController {

    private final Channels channels;

    ChannelController(Channels channels) {
        this.channels = channels;
    }

    @PostMapping
    ResponseEntity<?> register(
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user, @RequestBody Map<String, Object> body) {
        Object token = body.get("token");
        if (!(token instanceof String text) || !text.matches("\\d+:[A-Za-z0-9_-]{20,}")) {
            return RegistrationAnswers.error(
                    HttpStatus.BAD_REQUEST, "Invalid token", "token must be a bot token from @BotFather.");
        }
        return RegistrationAnswers.register(
                () -> channels.register(user.tenantId(), text),
                "Telegram",
                "bot token",
                "This bot is registered for your business.");
    }

    @GetMapping
    List<Channel> list(@RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user) {
        return channels.of(user.tenantId());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> remove(
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user, @PathVariable String id) {
        return RegistrationAnswers.removed(channels.remove(user.tenantId(), id), "Channel");
    }
}
