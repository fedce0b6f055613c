package net.fiko.connector.instagram.account;

import java.util.Map;
import net.fiko.connector.kit.channel.RegistrationAnswers;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A tenant's Instagram accounts: register (account id, access token, app secret, verify token), list, change the
 * HUMAN_AGENT setting, remove. Secrets are never returned.
 */
@Configuration(proxyBeanMethods = false)
class AccountEndpoints {

    static final String PATH = "/api/instagram/accounts";

    @Bean
    RouterFunction<ServerResponse> accountRoutes(Accounts accounts) {
        return RegistrationEndpoints.at(
                        PATH, "Account", accounts, (tenantId, fields) -> register(accounts, tenantId, fields))
                .and(RouterFunctions.route()
                        .PATCH(PATH + "/{id}", request -> change(accounts, request))
                        .build());
    }

    private static ServerResponse register(Accounts accounts, String tenantId, Map<String, Object> fields) {
        String accountId = text(fields, "account_id");
        String token = text(fields, "access_token");
        String appSecret = text(fields, "app_secret");
        String verifyToken = text(fields, "verify_token");
        if (accountId == null || !accountId.matches("\\d{1,32}")) {
            return RegistrationAnswers.error(
                    HttpStatus.BAD_REQUEST, "Invalid account", "account_id must be the Instagram account's id.");
        }
        if (token == null || appSecret == null || verifyToken == null) {
            return RegistrationAnswers.error(
                    HttpStatus.BAD_REQUEST, "Missing field", "access_token, app_secret and verify_token are required.");
        }
        boolean humanAgentTag = Boolean.TRUE.equals(fields.get("human_agent_tag"));
        try {
            return RegistrationAnswers.register(
                    () -> accounts.register(new Accounts.Registration(
                            tenantId, accountId, token, appSecret, verifyToken, humanAgentTag)),
                    "Instagram",
                    "access token",
                    "This Instagram account is registered already.");
        } catch (Accounts.WrongAccountException e) {
            return RegistrationAnswers.error(HttpStatus.BAD_REQUEST, "Invalid token", e.getMessage() + ".");
        }
    }

    /** Turns the HUMAN_AGENT tag (replies for 7 days after the customer's last message) on or off. */
    private static ServerResponse change(Accounts accounts, ServerRequest request) throws Exception {
        Map<String, Object> fields = RegistrationEndpoints.fields(request);
        if (fields == null || !(fields.get("human_agent_tag") instanceof Boolean humanAgentTag)) {
            return RegistrationAnswers.error(
                    HttpStatus.BAD_REQUEST, "Invalid field", "human_agent_tag must be true or false.");
        }
        return accounts.useHumanAgentTag(
                        RegistrationEndpoints.tenant(request), request.pathVariable("id"), humanAgentTag)
                .map(account -> ServerResponse.ok().body(account))
                .orElseGet(() -> RegistrationAnswers.notFound("Account"));
    }

    private static String text(Map<String, Object> fields, String field) {
        return fields.get(field) instanceof String text && !text.isBlank() ? text : null;
    }
}
