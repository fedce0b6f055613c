package net.fiko.connector.kit.channel;

import java.util.List;
import java.util.Map;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A connector's registration endpoints, for the signed-in user's tenant: {@code POST <path>} registers,
 * {@code GET <path>} lists, {@code DELETE <path>/{id}} removes, each answered the same way for every platform
 * ({@link RegistrationAnswers}). A platform writes no controller: it supplies its {@link Registry} and the
 * {@link Registration} that checks its fields and credentials, and declares the routes as a bean.
 */
public final class RegistrationEndpoints {

    /**
     * What a platform's tenants registered (bots, accounts).
     *
     * @param <C> one as the list shows it, secrets never included
     */
    public interface Registry<C> {
        List<C> of(String tenantId);

        /** Removes the tenant's one; false if the tenant has none with this id (another tenant's included). */
        boolean remove(String tenantId, String id);
    }

    /** Checks a registration's fields and registers it for the tenant. */
    @FunctionalInterface
    public interface Registration {
        /**
         * Answers with {@link RegistrationAnswers#register}, or {@link RegistrationAnswers#error} (400) for a missing
         * or malformed field.
         */
        ServerResponse register(String tenantId, Map<String, Object> fields);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> FIELDS = new ParameterizedTypeReference<>() {};

    private RegistrationEndpoints() {}

    /**
     * The routes under {@code path} ({@code /api/<platform>/<what>s}).
     *
     * @param what what a tenant registers, as an answer names it ("Channel", "Account")
     */
    public static <C> RouterFunction<ServerResponse> at(
            String path, String what, Registry<C> registry, Registration registration) {
        return RouterFunctions.route()
                .POST(path, request -> register(request, registration))
                .GET(path, request -> ServerResponse.ok().body(registry.of(tenant(request))))
                .DELETE(
                        path + "/{id}",
                        request -> RegistrationAnswers.removed(
                                registry.remove(tenant(request), request.pathVariable("id")), what))
                .build();
    }

    /** The signed-in user's tenant, as {@link BearerTokenFilter} verified it. */
    public static String tenant(ServerRequest request) {
        return request.attribute(BearerTokenFilter.USER)
                .map(user -> ((AuthenticatedUser) user).tenantId())
                .orElseThrow(() -> new IllegalStateException("No verified user on " + request.path()));
    }

    /** The request's JSON object, or null when the body is JSON but not an object ({@code null}). */
    public static Map<String, Object> fields(ServerRequest request) throws Exception {
        return request.body(FIELDS);
    }

    private static ServerResponse register(ServerRequest request, Registration registration) throws Exception {
        Map<String, Object> fields = fields(request);
        return fields == null
                ? RegistrationAnswers.error(HttpStatus.BAD_REQUEST, "Invalid body", "The body must be a JSON object.")
                : registration.register(tenant(request), fields);
    }
}
