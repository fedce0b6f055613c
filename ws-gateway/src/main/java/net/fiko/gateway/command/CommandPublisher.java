package net.fiko.gateway.command;

import java.util.concurrent.CompletableFuture;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.command.GatewayCommand;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes agents' commands to {@code fiko.gateway.commands}, keyed by conversation (acks=all, idempotent). */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    CommandPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** Completes when Kafka has the command; fails when it could not take it. */
    public CompletableFuture<?> publish(GatewayCommand command) {
        return kafka.send(Topics.GATEWAY_COMMANDS.name(), command.partitionKey(), EventJson.toBytes(command));
    }
}
