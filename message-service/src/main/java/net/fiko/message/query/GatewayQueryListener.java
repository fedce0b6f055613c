package net.fiko.message.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Topics;
import net.fiko.events.query.ConversationListAnswered;
import net.fiko.events.query.ConversationListRequested;
import net.fiko.events.query.GatewayQuery;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.events.query.MessageHistoryRequested;
import net.fiko.events.query.QueryAnswer;
import net.fiko.message.system.MessageServiceProperties;
import net.fiko.support.kafka.EventPublisher;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers the gateways' reads: the conversation list and history pages. Answers go to {@code fiko.gateway.replies}
 * addressed to the asking gateway instance. A read changes nothing, so a lost answer is simply asked again by the
 * gateway; answers are not written to the outbox. A query older than {@code fiko.message-service.query-expiry} is
 * dropped unanswered: its gateway has stopped waiting, and a backlog of them would only delay the live ones.
 */
@Component
class GatewayQueryListener {

    static final int RESUME_LIMIT = 500;

    private final ConversationQueries queries;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration expiry;
    private final Counter expired;

    GatewayQueryListener(
            ConversationQueries queries,
            EventPublisher events,
            Clock clock,
            MessageServiceProperties properties,
            MeterRegistry meters) {
        this.queries = queries;
        this.events = events;
        this.clock = clock;
        this.expiry = properties.queryExpiry();
        this.expired = Counter.builder("fiko.message.queries.expired")
                .description("Gateway queries dropped unanswered: the gateway had given up on them")
                .register(meters);
    }

    @KafkaListener(
            id = "gateway-queries",
            groupId = "${spring.kafka.consumer.group-id}.gateway-queries",
            topics = "#{T(net.fiko.events.Topics).GATEWAY_QUERIES.name()}",
            properties = "auto.offset.reset=latest")
    void onQuery(ConsumerRecord<String, byte[]> record) {
        GatewayQuery query = EventRecords.read(record, GatewayQuery.class);
        if (query != null && query.occurredAt().isBefore(clock.instant().minus(expiry))) {
            expired.increment();
            return;
        }
        QueryAnswer answer = null;
        if (query instanceof ConversationListRequested list) {
            answer = list(list);
        } else if (query instanceof MessageHistoryRequested history) {
            answer = history(history);
        }
        if (answer != null) {
            events.publish(Topics.GATEWAY_REPLIES, answer);
        }
    }

    private ConversationListAnswered list(ConversationListRequested request) {
        var page = queries.list(request.tenantId(), request.filters(), request.page(), request.pageSize());
        return new ConversationListAnswered(
                UUID.randomUUID().toString(),
                clock.instant(),
                request.tenantId(),
                null,
                request.requestId(),
                request.replyTo(),
                page.conversations(),
                page.page(),
                page.pageSize(),
                page.total(),
                page.hasNext());
    }

    private MessageHistoryAnswered history(MessageHistoryRequested request) {
        if (request.sinceMessageId() != null) {
            var resumed =
                    queries.since(request.tenantId(), request.conversationId(), request.sinceMessageId(), RESUME_LIMIT);
            if (resumed.isPresent()) {
                return answer(request, true, resumed.get().messages(), false, true);
            }
        }
        var page = queries.history(
                request.tenantId(), request.conversationId(), request.beforeMessageId(), request.limit());
        if (page.isEmpty()) {
            boolean exists =
                    queries.find(request.tenantId(), request.conversationId()).isPresent();
            return answer(request, exists, List.of(), false, false);
        }
        return answer(request, true, page.get().messages(), page.get().hasMore(), false);
    }

    private MessageHistoryAnswered answer(
            MessageHistoryRequested request,
            boolean found,
            List<net.fiko.events.Message> messages,
            boolean hasMore,
            boolean recovered) {
        return new MessageHistoryAnswered(
                UUID.randomUUID().toString(),
                clock.instant(),
                request.tenantId(),
                request.conversationId(),
                request.requestId(),
                request.replyTo(),
                found,
                messages,
                hasMore,
                recovered);
    }
}
