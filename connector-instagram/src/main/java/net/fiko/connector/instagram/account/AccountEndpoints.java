package net.fiko.connector.instagram.account;

import java.util.List;
import java.util.Map;
import net.fiko.connector.kit.channel.RegistrationAnswers;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's Instagram accounts: register (account id, access token, app secret, verify token), list, change the
 * HUMAN_AGENT setting, remove. Secrets are never returned.
 */
@RestController
@RequestMapping("/api/instagram/accounts")
class AccountController extends RegistrationEndpoints<Account> {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        super("Account");
        this.accounts = accounts;
    }

    @Override
    protected ResponseEntity<?> registerFor(String tenantId, Map<String, Object> body) {
        String accountId = text(body, "account_id");
        String token = text(body, "access_token");
        String appSecret = text(body, "app_secret");
        String verifyToken = text(body, "verify_token");
        if (accountId == null || !accountId.matches("\\d{1,32}")) {
            return error(HttpStatus.BAD_REQUEST, "Invalid account", "account_id must be the Instagram account's id.");
        }
        if (token == null || appSecret == null || verifyToken == null) {
            return error(
                    HttpStatus.BAD_REQUEST, "Missing field", "access_token, app_secret and verify_token are required.");
        }
        boolean humanAgentTag = Boolean.TRUE.equals(body.get("human_agent_tag"));
        try {
            return RegistrationAnswers.register(
                    () -> accounts.register(new Accounts.Registration(
                            tenantId, accountId, token, appSecret, verifyToken, humanAgentTag)),
                    "Instagram",
                    "access token",
                    "This Instagram account is registered already.");
        } catch (Accounts.WrongAccountException e) {
            return error(HttpStatus.BAD_REQUEST, "Invalid token", e.getMessage() + ".");
        }
    }

    @Override
    protected List<Account> registered(String tenantId) {
        return accounts.of(tenantId);
    }

    /** Turns the HUMAN_AGENT tag (replies for 7 days after the customer's last message) on or off. */
    @PatchMapping("/{id}")
    ResponseEntity<?> change(
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String id,
            @RequestBody Map<String, Object> body) {
        if (!(body.get("human_agent_tag") instanceof Boolean humanAgentTag)) {
            return error(HttpStatus.BAD_REQUEST, "Invalid field", "human_agent_tag must be true or false.");
        }
        return accounts.useHumanAgentTag(user.tenantId(), id, humanAgentTag)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> RegistrationAnswers.notFound("Account"));
    }

    @Override
    protected boolean removeFor(String tenantId, String id) {
        return accounts.remove(tenantId, id);
    }

    private static String text(Map<String, Object> body, String field) {
        return body.get(field) instanceof String text && !text.isBlank() ? text : null;
    }

    private static ResponseEntity<?> error(HttpStatus status, String error, String message) {
        return RegistrationAnswers.error(status, error, message);
    }
}
