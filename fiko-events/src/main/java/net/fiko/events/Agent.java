package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;

/**
 * A support agent as the gateway authenticated them: the JWT's user id and display name.
 *
 * @param userIdIsNumber true when the token's {@code user_id} claim was a JSON number, absent when it was a string (or
 *     the user came from {@code sub}); added in this version, so that what clients are shown keeps the claim's type
 */
public record Agent(String userId, String username, Boolean userIdIsNumber) {

    public Agent {
        userIdIsNumber = Boolean.TRUE.equals(userIdIsNumber) ? Boolean.TRUE : null;
    }

    public Agent(String userId, String username) {
        this(userId, username, null);
    }

    /** The user id as a client is shown it: a JSON number where the token's claim was one, else a string. */
    @JsonIgnore
    public Object userIdValue() {
        if (userIdIsNumber != null) {
            try {
                return new BigDecimal(userId);
            } catch (NumberFormatException notANumber) {
                return userId; // a producer that marked a string as a number: shown as it is
            }
        }
        return userId;
    }
}
