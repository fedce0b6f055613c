package net.fiko.local.console;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /customer-messages}: the demo tenant's web customer writes ({@link DemoCustomer}). */
@RestController
class CustomerMessagesController {

    private final DemoCustomer demo;

    CustomerMessagesController(DemoCustomer demo) {
        this.demo = demo;
    }

    @PostMapping("/customer-messages")
    ResponseEntity<Map<String, String>> write(@RequestBody JsonNode body) {
        String text = body.path("text").asString("").strip();
        if (text.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "text is required"));
        }
        try {
            String conversationId = demo.send(
                    body.path("customer_id").asString(DemoCustomer.CUSTOMER),
                    body.path("first_name").asString("Dana"),
                    body.path("last_name").asString("Demo"),
                    UUID.randomUUID().toString(),
                    text);
            return ResponseEntity.accepted().body(Map.of("conversation_id", conversationId));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(503).body(Map.of("error", "Kafka did not take the message"));
        }
    }
}
