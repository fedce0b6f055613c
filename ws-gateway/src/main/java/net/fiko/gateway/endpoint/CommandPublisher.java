package net.fiko.gateway.endpoint;

import net.fiko.events.Topics;
import net.fiko.events.command.GatewayCommand;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.observability.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a chat socket's commands on {@code fiko.gateway.commands}. Each starts a trace of its own (its first span here),
 * which message-service and the connector continue to the platform's API; one Kafka did not take is answered with
 * "Message could not be sent" on the socket.
 */
@Component
class CommandPublisher {

    private static final Logger log = LoggerFactory.getLogger(CommandPublisher.class);

    private final EventPublisher events;
    private final Traces traces;

    CommandPublisher(EventPublisher events, Traces traces) {
        this.events = events;
        this.traces = traces;
    }

    void publish(ClientSession session, GatewayCommand command, String clientMsgId) {
        traces.continueFrom("fiko.gateway.command", null, () -> {
                    log.debug(
                            "{} {} of socket {}", command.getClass().getSimpleName(), command.eventId(), session.id());
                    return events.publish(Topics.GATEWAY_COMMANDS, command);
                })
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        log.warn(
                                "Could not publish {} of socket {}: {}",
                                command.getClass().getSimpleName(),
                                session.id(),
                                failure.toString());
                        session.sendError(ErrorCode.SEND_FAILED, null, clientMsgId);
                    }
                });
    }
}
