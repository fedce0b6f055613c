package net.fiko.support.observability;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON logs ({@code logging.structured.format.console=ecs}, or {@code logstash}, {@code gelf}) with credentials
 * {@linkplain Redaction redacted} in every text field: the message, the MDC's fields, a stack trace. Named by {@code
 * logging.structured.json.customizer} in {@code fiko-service-defaults.yml}.
 */
public class RedactingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redaction::redact));
    }
}
