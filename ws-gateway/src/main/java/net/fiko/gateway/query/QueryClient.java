package net.fiko.gateway.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.fiko.events.Agent;
import net.fiko.events.Topics;
import net.fiko.events.query.ConversationFilter;
import net.fiko.events.query.ConversationListAnswered;
import net.fiko.events.query.ConversationListRequested;
import net.fiko.events.query.GatewayQuery;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.events.query.MessageHistoryRequested;
import net.fiko.events.query.QueryAnswer;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.kafka.EventPublisher;
import org.springframework.stereotype.Component;

/**
 * Asks message-service through Kafka and waits for the answer addressed to this instance: the gateway has no
 * database. An answer that does not come within the timeout fails the future.
 */
@Component
public class QueryClient {

    private final EventPublisher events;
    private final String instanceId;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, CompletableFuture<QueryAnswer>> waiting = new ConcurrentHashMap<>();
    private final Coalescing<ListKey, SharedAnswer<ConversationListAnswered>> lists = new Coalescing<>();
    private final Coalescing<HistoryKey, SharedAnswer<MessageHistoryAnswered>> histories = new Coalescing<>();

    QueryClient(EventPublisher events, GatewayProperties properties, Clock clock) {
        this.events = events;
        this.instanceId = properties.instanceId();
        this.timeout = properties.queryTimeout();
        this.clock = clock;
    }

    /**
     * A page of the tenant's conversation list. Sockets of one tenant that ask for the same page at the same time
     * share a query ({@link Coalescing}) and its frame ({@link SharedAnswer}): after a gateway restarts, its agents'
     * list sockets all reconnect and ask at once, and the answer is the tenant's, not the agent's.
     */
    public CompletableFuture<SharedAnswer<ConversationListAnswered>> conversations(
            AuthenticatedUser user, ConversationFilter filter, int page, int pageSize) {
        return lists.ask(
                new ListKey(user.tenantId(), filter, page, pageSize),
                () -> ask(new ConversationListRequested(
                                UUID.randomUUID().toString(),
                                clock.instant(),
                                user.tenantId(),
                                null,
                                UUID.randomUUID().toString(),
                                instanceId,
                                agent(user),
                                filter,
                                page,
                                pageSize))
                        .thenApply(answer -> new SharedAnswer<>((ConversationListAnswered) answer)));
    }

    /**
     * A conversation's messages: a page before {@code before}, or those after {@code since} for a resuming socket.
     * Shared like the list ({@link Coalescing}): after a gateway restarts, the agents of a conversation reconnect at
     * once, mostly with the same last message, and the answer is the conversation's, not the agent's; so is its frame
     * ({@link SharedAnswer}).
     */
    public CompletableFuture<SharedAnswer<MessageHistoryAnswered>> history(
            AuthenticatedUser user, String conversationId, String before, String since, int limit) {
        return histories.ask(
                new HistoryKey(user.tenantId(), conversationId, before, since, limit),
                () -> ask(new MessageHistoryRequested(
                                UUID.randomUUID().toString(),
                                clock.instant(),
                                user.tenantId(),
                                conversationId,
                                UUID.randomUUID().toString(),
                                instanceId,
                                agent(user),
                                before,
                                since,
                                limit))
                        .thenApply(answer -> new SharedAnswer<>((MessageHistoryAnswered) answer)));
    }

    /** Called by the replies consumer for every answer on the topic; keeps those addressed to this instance. */
    void answered(QueryAnswer answer) {
        if (!instanceId.equals(answer.replyTo())) {
            return;
        }
        CompletableFuture<QueryAnswer> future = waiting.remove(answer.requestId());
        if (future != null) {
            future.complete(answer);
        }
    }

    private CompletableFuture<QueryAnswer> ask(GatewayQuery query) {
        CompletableFuture<QueryAnswer> answer = new CompletableFuture<>();
        waiting.put(query.requestId(), answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> waiting.remove(query.requestId()));
        events.publish(Topics.GATEWAY_QUERIES, query).whenComplete((sent, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    private static Agent agent(AuthenticatedUser user) {
        return user.agent();
    }

    /** What a list answer depends on. */
    private record ListKey(String tenantId, ConversationFilter filter, int page, int pageSize) {}

    /** What a history answer depends on. */
    private record HistoryKey(String tenantId, String conversationId, String before, String since, int limit) {}
}
