package net.fiko.connector.kit.channel;

import java.util.List;
import java.util.Map;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The skeleton of a connector's registration endpoints, under the subclass's {@code @RequestMapping}
 * ({@code /api/<platform>/...}), for the signed-in user's tenant: {@code POST} registers, {@code GET} lists,
 * {@code DELETE /{id}} removes, each answered the same way for every platform ({@link RegistrationAnswers}). A platform
 * supplies what differs: the fields it needs and how its credentials are checked.
 *
 * @param <C> what a tenant registers, as the list shows it (secrets never included)
 */
public abstract class RegistrationEndpoints<C> {

    private final String what;

    /** @param what what a tenant registers, as an answer names it ("Channel", "Account") */
    protected RegistrationEndpoints(String what) {
        this.what = what;
    }

    @PostMapping
    public ResponseEntity<?> register(
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user, @RequestBody Map<String, Object> body) {
        return registerFor(user.tenantId(), body);
    }

    @GetMapping
    public List<C> list(@RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user) {
        return registered(user.tenantId());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<?> remove(
            @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user, @PathVariable String id) {
        return RegistrationAnswers.removed(removeFor(user.tenantId(), id), what);
    }

    /**
     * Checks the body's fields and registers for the tenant, answering with {@link RegistrationAnswers#register}, or
     * {@link RegistrationAnswers#error} (400) for a missing or malformed field.
     */
    protected abstract ResponseEntity<?> registerFor(String tenantId, Map<String, Object> body);

    /** What the tenant has registered. */
    protected abstract List<C> registered(String tenantId);

    /** Removes the tenant's one; false if the tenant has none with this id. */
    protected abstract boolean removeFor(String tenantId, String id);
}
