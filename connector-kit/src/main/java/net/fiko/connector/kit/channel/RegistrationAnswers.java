package net.fiko.connector.kit.channel;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.fiko.connector.kit.platform.PlatformException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * How every connector's registration endpoints answer ({@code /api/<platform>/...}): the same statuses and the same
 * {@code {"error","message"}} body for the same cases, whatever the platform.
 */
public final class RegistrationAnswers {

    private RegistrationAnswers() {}

    /**
     * Registers a channel after the platform checked its credentials: 201 with the channel; 409 when the tenant has it
     * already; 400 when the platform refuses the credentials; 502 with the platform's reason when it cannot answer.
     *
     * @param platform the platform's name as people know it ("Telegram")
     * @param credentials what the platform checked ("bot token", "access token")
     */
    public static ServerResponse register(
            Supplier<?> registration, String platform, String credentials, String alreadyRegistered) {
        try {
            return ServerResponse.status(HttpStatus.CREATED).body(registration.get());
        } catch (DuplicateKeyException e) {
            return error(HttpStatus.CONFLICT, "Already registered", alreadyRegistered);
        } catch (PlatformException e) {
            return e.failure().retryable()
                    ? error(
                            HttpStatus.BAD_GATEWAY,
                            platform + " unavailable",
                            e.failure().reason())
                    : error(
                            HttpStatus.BAD_REQUEST,
                            "Invalid token",
                            platform + " does not accept this " + credentials + ".");
        }
    }

    /** 204 when the tenant's channel was removed, else 404. */
    public static ServerResponse removed(boolean removed, String what) {
        return removed ? ServerResponse.noContent().build() : notFound(what);
    }

    /** 404: the tenant has no such channel (another tenant's is not theirs to know of). */
    public static ServerResponse notFound(String what) {
        return error(HttpStatus.NOT_FOUND, what + " not found", "No such " + what.toLowerCase(Locale.ROOT) + ".");
    }

    public static ServerResponse error(HttpStatus status, String error, String message) {
        return ServerResponse.status(status).body(Map.of("error", error, "message", message));
    }
}
