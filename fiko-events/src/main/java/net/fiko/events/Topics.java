package net.fiko.events;

import java.time.Duration;
import java.util.List;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.query.GatewayQuery;
import net.fiko.events.query.QueryAnswer;
import net.fiko.events.unread.UnreadCountChanged;

/** The topic map of Fiko. {@code docs/topics.md} describes the same topics for other teams. */
public final class Topics {

    private static final int PARTITIONS = 12;

    public static final Topic<GatewayCommand> GATEWAY_COMMANDS = new Topic<>(
            "fiko.gateway.commands",
            GatewayCommand.class,
            PARTITIONS,
            Duration.ofDays(7),
            false,
            "ws-gateway",
            "message-service",
            "What agents asked for on their sockets: send a message, mark a conversation read.");

    public static final Topic<InboundMessage> INBOUND_MESSAGES = new Topic<>(
            "fiko.inbound.messages",
            InboundMessage.class,
            PARTITIONS,
            Duration.ofDays(7),
            false,
            "connector-telegram, connector-instagram",
            "message-service",
            "Customers' messages, normalized by the platform connectors.");

    public static final Topic<OutboundCommand> OUTBOUND_TELEGRAM = new Topic<>(
            "fiko.outbound.telegram",
            OutboundCommand.class,
            PARTITIONS,
            Duration.ofDays(7),
            false,
            "message-service",
            "connector-telegram",
            "Agents' replies to deliver through the Telegram Bot API.");

    public static final Topic<OutboundCommand> OUTBOUND_INSTAGRAM = new Topic<>(
            "fiko.outbound.instagram",
            OutboundCommand.class,
            PARTITIONS,
            Duration.ofDays(7),
            false,
            "message-service",
            "connector-instagram",
            "Agents' replies to deliver through the Instagram Messaging API.");

    public static final Topic<DeliveryResult> DELIVERY_RESULTS = new Topic<>(
            "fiko.delivery.results",
            DeliveryResult.class,
            PARTITIONS,
            Duration.ofDays(7),
            false,
            "connector-telegram, connector-instagram",
            "message-service",
            "Each outbound delivery's outcome, success or failure with a reason.");

    public static final Topic<ConversationEvent> CONVERSATION_EVENTS = new Topic<>(
            "fiko.conversation.events",
            ConversationEvent.class,
            PARTITIONS,
            Duration.ofDays(30),
            false,
            "message-service",
            "ws-gateway (every instance reads all of it), message-service (Kafka Streams: unread counts), other teams,"
                    + " analytics",
            "Every change to a conversation, in order: the public stream.");

    public static final Topic<UnreadCountChanged> UNREAD_COUNTS = new Topic<>(
            "fiko.unread.counts",
            UnreadCountChanged.class,
            PARTITIONS,
            null,
            true,
            "message-service (Kafka Streams)",
            "message-service (read back into a global store that serves every count), other teams, analytics",
            "The current unread count per conversation, with the sequence and read mark it includes; compacted.");

    public static final Topic<EphemeralEvent> EPHEMERAL = new Topic<>(
            "fiko.ephemeral",
            EphemeralEvent.class,
            PARTITIONS,
            Duration.ofHours(1),
            false,
            "ws-gateway",
            "ws-gateway (every instance), connectors (typing is forwarded to the platform)",
            "Typing and presence, shared between gateway instances; nothing durable depends on it.");

    public static final Topic<GatewayQuery> GATEWAY_QUERIES = new Topic<>(
            "fiko.gateway.queries",
            GatewayQuery.class,
            PARTITIONS,
            Duration.ofHours(1),
            false,
            "ws-gateway",
            "message-service",
            "Reads a gateway needs answered: the conversation list, a page of history.");

    public static final Topic<QueryAnswer> GATEWAY_REPLIES = new Topic<>(
            "fiko.gateway.replies",
            QueryAnswer.class,
            PARTITIONS,
            Duration.ofHours(1),
            false,
            "message-service",
            "ws-gateway (every instance; each keeps the answers addressed to it)",
            "Answers to gateway queries, addressed by gateway instance and request id.");

    private static final List<Topic<?>> ALL = List.of(
            GATEWAY_COMMANDS,
            INBOUND_MESSAGES,
            OUTBOUND_TELEGRAM,
            OUTBOUND_INSTAGRAM,
            DELIVERY_RESULTS,
            CONVERSATION_EVENTS,
            UNREAD_COUNTS,
            EPHEMERAL,
            GATEWAY_QUERIES,
            GATEWAY_REPLIES);

    private Topics() {}

    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The outbound topic for replies to customers of the given platform. */
    public static Topic<OutboundCommand> outbound(Platform platform) {
        return switch (platform) {
            case TELEGRAM -> OUTBOUND_TELEGRAM;
            case INSTAGRAM -> OUTBOUND_INSTAGRAM;
            case WEB -> throw new IllegalArgumentException("Web conversations have no outbound platform");
        };
    }
}
