package net.fiko.connector.instagram.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import net.fiko.connector.instagram.account.Accounts;
import net.fiko.connector.instagram.system.InstagramProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook for Instagram messaging. {@code GET} answers the subscription handshake with the challenge when the
 * verify token is one we gave Meta; {@code POST} is 401 unless signed, 200 once Kafka has every message, 503 when it
 * cannot take them (Meta delivers the call again).
 */
@RestController
class InstagramWebhookController {

    private final Accounts accounts;
    private final WebhookIntake intake;
    private final String verifyToken;

    InstagramWebhookController(Accounts accounts, WebhookIntake intake, InstagramProperties properties) {
        this.accounts = accounts;
        this.intake = intake;
        this.verifyToken = properties.verifyToken();
    }

    @GetMapping("/webhooks/instagram")
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if (!"subscribe".equals(mode) || token == null || challenge == null || !knownVerifyToken(token)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping("/webhooks/instagram")
    ResponseEntity<Void> receive(
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody byte[] body) {
        return switch (intake.accept(body, signature)) {
            case ACCEPTED -> ResponseEntity.ok().build();
            case UNAUTHORIZED -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            case UNAVAILABLE ->
                ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        };
    }

    private boolean knownVerifyToken(String token) {
        boolean global = verifyToken != null
                && !verifyToken.isBlank()
                && MessageDigest.isEqual(
                        verifyToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        return global || accounts.isVerifyToken(token);
    }
}
