package net.fiko.gateway.endpoint;

import java.time.Clock;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Message;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.fanout.WhoIsHere;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.presence.ChatPresence;
import net.fiko.gateway.protocol.ClientFrames;
import net.fiko.gateway.protocol.CloseCodes;
import net.fiko.gateway.protocol.ConversationCommands;
import net.fiko.gateway.protocol.ConversationFrames;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.query.QueryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/chat/{conversation_id}/}: one conversation. An agent's {@code chat_message} becomes a command on Kafka;
 * the stored message comes back to every socket of the chat through the fan-out.
 */
@Component
public class ChatWebSocketHandler extends AuthenticatingWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final CommandPublisher commands;
    private final QueryClient queries;
    private final ChatPresence presence;
    private final WhoIsHere whoIsHere;
    private final GatewayProperties properties;
    private final Clock clock;

    ChatWebSocketHandler(
            Admission admission,
            CommandPublisher commands,
            QueryClient queries,
            ChatPresence presence,
            WhoIsHere whoIsHere,
            Clock clock) {
        super(admission);
        this.whoIsHere = whoIsHere;
        this.commands = commands;
        this.queries = queries;
        this.presence = presence;
        this.properties = admission.properties();
        this.clock = clock;
    }

    /**
     * Joins the chat: the tenant's conversation gets its {@code recent_messages} (or, resuming with {@code ?since=},
     * exactly what came after); a missing or another tenant's conversation gets "Conversation not found" and close
     * 4404. Live frames wait until the history is sent.
     */
    @Override
    void opened(ClientSession session) {
        queries.history(session.user(), session.conversationId(), null, session.since(), ClientFrames.DEFAULT_HISTORY)
                .whenComplete((shared, failure) -> {
                    MessageHistoryAnswered answer = failure == null ? shared.answer() : null;
                    if (failure != null) {
                        log.warn("History of {} not answered: {}", session.conversationId(), failure.toString());
                        session.refuseJoin();
                        session.sendError(ErrorCode.UNAVAILABLE);
                        session.close(CloseStatus.SERVICE_RESTARTED);
                    } else if (!answer.found()) {
                        session.refuseJoin();
                        session.sendError(ErrorCode.CONVERSATION_NOT_FOUND);
                        session.close(CloseCodes.NOT_FOUND);
                    } else {
                        // Through the message resumed from, too: a fresh instance has not seen it, and would pass
                        // on its repeat (the outbox republishes late-acknowledged batches) as new.
                        long last = Math.max(
                                answer.messages().stream()
                                        .mapToLong(Message::sequence)
                                        .max()
                                        .orElse(0),
                                answer.throughSequence() == null ? 0 : answer.throughSequence());
                        boolean resuming = session.since() != null;
                        if (session.completeJoin(shared.frame(a -> recentMessages(a, resuming)), last)) {
                            presence.joined(session.user(), session.conversationId());
                            session.send(ConversationFrames.ChatPresenceFrame.of(
                                    session.conversationId(),
                                    whoIsHere.in(session.user().tenantId(), session.conversationId()).stream()
                                            .filter(agent -> !agent.userId()
                                                    .equals(session.user().userId()))
                                            .toList(),
                                    clock.instant()));
                        }
                    }
                });
    }

    private Frames.RecentMessagesFrame recentMessages(MessageHistoryAnswered answer, boolean resuming) {
        return new Frames.RecentMessagesFrame(
                "recent_messages",
                answer.messages().stream().map(Frames::view).toList(),
                clock.instant(),
                answer.hasMore(),
                resuming ? answer.recovered() : null);
    }

    @Override
    void received(ClientSession session, ObjectNode frame) {
        ClientFrames.ClientFrame request = ClientFrames.chat(frame);
        if (request instanceof ClientFrames.ChatMessage message) {
            commands.publish(
                    session,
                    new MessageSendRequested(
                            newId(),
                            clock.instant(),
                            session.user().tenantId(),
                            session.conversationId(),
                            agent(session),
                            message.content(),
                            message.clientMsgId(),
                            properties.instanceId(),
                            message.attachments()),
                    message.clientMsgId());
        } else if (request instanceof ClientFrames.MarkRead) {
            commands.publish(
                    session,
                    new MarkReadRequested(
                            newId(),
                            clock.instant(),
                            session.user().tenantId(),
                            session.conversationId(),
                            agent(session)),
                    null);
        } else if (request instanceof ConversationCommands.StatusChange
                || request instanceof ConversationCommands.Assignment) {
            GatewayCommand command = ConversationChanges.command(session, request, clock.instant(), newId());
            if (command != null) {
                commands.publish(session, command, null);
            }
        } else if (request instanceof ClientFrames.LoadMore loadMore) {
            loadMore(session, loadMore);
        } else if (request instanceof ClientFrames.Typing typing) {
            // The others in the chat see typing_indicator.
            if (session.member()) {
                presence.typing(session.user(), session.conversationId(), typing.isTyping());
            }
        } else if (request instanceof ClientFrames.Refused refused) {
            session.sendError(refused.error(), refused.field(), refused.clientMsgId());
        }
    }

    @Override
    void closed(ClientSession session) {
        if (session.member()) {
            presence.left(session.user(), session.conversationId());
        }
    }

    /** {@code load_more_messages {"before": "<message id>", "limit": 50}}: the older page, as recent_messages. */
    private void loadMore(ClientSession session, ClientFrames.LoadMore request) {
        queries.history(session.user(), session.conversationId(), request.before(), null, request.limit())
                .whenComplete((shared, failure) -> {
                    if (failure != null) {
                        session.sendError(ErrorCode.UNAVAILABLE);
                    } else if (!shared.answer().found()) {
                        session.sendError(ErrorCode.CONVERSATION_NOT_FOUND);
                    } else {
                        session.send(shared.frame(a -> recentMessages(a, false)));
                    }
                });
    }

    private static Agent agent(ClientSession session) {
        return session.user().agent();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
