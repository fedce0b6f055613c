package net.fiko.local.console;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the console and the simulator need to know of the local mode.
 *
 * @param gatewayUrl where browsers open sockets ({@code ws://localhost:8000})
 * @param jwtSecret the secret the console signs its agents' development tokens with
 * @param tenant the tenant the console and the simulator act for
 * @param dataDirectory where the stand-ins keep what must outlive a restart (the bots' webhooks)
 * @param telegramStandIn whether the Telegram connector talks to the stand-in (else to a real Bot API, and the
 *     simulator's Telegram side is off)
 * @param instagramWebhookUrl the Instagram connector's webhook, {@code null} when it talks to the real Graph API
 * @param uploads where the console uploads an agent's file, by platform ({@code http://localhost:8082/api/media/…})
 */
@ConfigurationProperties("fiko.console")
public record ConsoleSettings(
        String gatewayUrl,
        String jwtSecret,
        String tenant,
        Path dataDirectory,
        boolean telegramStandIn,
        String instagramWebhookUrl,
        Map<String, String> uploads) {

    public ConsoleSettings {
        uploads = uploads == null ? Map.of() : Map.copyOf(uploads);
    }

    public boolean instagramStandIn() {
        return instagramWebhookUrl != null && !instagramWebhookUrl.isBlank();
    }
}
