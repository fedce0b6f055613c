package net.fiko.message.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import net.fiko.message.system.ApiAnswers;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.BearerTokenFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** A customer's erasure, asked for by the tenant (docs/personal-data.md). */
@RestController
@SecurityRequirement(name = "bearer")
class ErasureController {

    private final CustomerErasure erasure;

    ErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(
            summary = "Erase a customer: their profile, every message of their conversations and the conversations'"
                    + " titles. Answers with the conversations as they now are; customer_erased goes out for each.")
    @DeleteMapping("/api/customers/{customerId}")
    ResponseEntity<?> erase(
            @Parameter(hidden = true) @RequestAttribute(BearerTokenFilter.USER) AuthenticatedUser user,
            @PathVariable String customerId) {
        long id;
        try {
            id = Long.parseLong(customerId);
        } catch (NumberFormatException e) {
            return ApiAnswers.invalid("A customer's id is a number (customer.id).");
        }
        return erasure.erase(user.tenantId(), id)
                .<ResponseEntity<?>>map(erased -> ResponseEntity.ok(Map.of(
                        "customer_id", erased.customerId(),
                        "messages_erased", erased.messagesErased(),
                        "conversations", erased.conversations())))
                .orElseGet(() -> ApiAnswers.notFound("Customer not found", "No customer of yours has this id."));
    }
}
