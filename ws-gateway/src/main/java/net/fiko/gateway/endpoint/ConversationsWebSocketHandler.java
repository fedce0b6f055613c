package net.fiko.gateway.endpoint;

import java.time.Clock;
import net.fiko.events.query.ConversationFilter;
import net.fiko.gateway.fanout.WhoIsHere;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.protocol.ClientFrames;
import net.fiko.gateway.protocol.ConversationFrames;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.query.QueryClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** {@code /ws/conversations/}: a tenant's conversation list. */
@Component
public class ConversationsWebSocketHandler extends AuthenticatingWebSocketHandler {

    private final QueryClient queries;
    private final WhoIsHere whoIsHere;
    private final Clock clock;

    ConversationsWebSocketHandler(Admission admission, QueryClient queries, WhoIsHere whoIsHere, Clock clock) {
        super(admission);
        this.queries = queries;
        this.whoIsHere = whoIsHere;
        this.clock = clock;
    }

    /** The list is sent unprompted on connect. */
    @Override
    void opened(ClientSession session) {
        sendList(session, null, 1, ClientFrames.DEFAULT_PAGE_SIZE);
    }

    /**
     * {@code get_conversations} and {@code refresh_conversations} (a frame without type counts as the first);
     * {@code get_online_agents}.
     */
    @Override
    void received(ClientSession session, ObjectNode frame) {
        ClientFrames.ClientFrame request = ClientFrames.list(frame);
        if (request instanceof ClientFrames.ListRequest list) {
            sendList(session, list.filter(), list.page(), list.pageSize());
        } else if (request instanceof ClientFrames.OnlineAgents) {
            session.send(ConversationFrames.OnlineAgentsFrame.of(
                    whoIsHere.of(session.user().tenantId()), clock.instant()));
        } else if (request instanceof ClientFrames.Refused refused) {
            session.sendError(refused.error(), refused.field(), refused.clientMsgId());
        }
    }

    private void sendList(ClientSession session, ConversationFilter filter, int page, int pageSize) {
        queries.conversations(session.user(), filter, page, pageSize).whenComplete((shared, failure) -> {
            if (failure != null) {
                session.sendError(ErrorCode.UNAVAILABLE);
                return;
            }
            // The sockets that shared the query share the frame: its timestamp is when the first of them got it.
            session.send(shared.frame(answer -> new Frames.ConversationsListFrame(
                    "conversations_list",
                    answer.conversations(),
                    clock.instant(),
                    new Frames.Pagination(answer.page(), answer.pageSize(), answer.total(), answer.hasNext()))));
        });
    }
}
