package net.fiko.message.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.fiko.events.EventJson;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(GatewayQueryListener.class);

    private final ConversationQueries queries;
    private final MessageQueries messages;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration expiry;
    private final Counter expired;

    GatewayQueryListener(
            ConversationQueries queries,
            MessageQueries messages,
            EventPublisher events,
            Clock clock,
            MessageServiceProperties properties,
            MeterRegistry meters) {
        this.queries = queries;
        this.messages = messages;
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
            // Serialized once: what is measured is what is sent. Only an answer over the limit is cut and measured
            // again.
            byte[] json = EventJson.toBytes(answer);
            if (json.length > AnswerFitting.MAX_ANSWER_BYTES) {
                answer = AnswerFitting.fitted(answer);
                json = EventJson.toBytes(answer);
            }
            QueryAnswer sent = answer;
            events.publish(Topics.GATEWAY_REPLIES, sent, json).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("An answer to gateway {} was not sent: {}", sent.replyTo(), failure.toString());
                }
            });
        }
    }

    private ConversationListAnswered list(ConversationListRequested request) {
        var page = queries.list(
                request.tenantId(),
                request.agent() == null ? null : request.agent().userId(),
                request.filters(),
                request.page(),
                request.pageSize());
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
            var resumed = messages.since(
                    request.tenantId(), request.conversationId(), request.sinceMessageId(), RESUME_LIMIT);
            if (resumed.isPresent()) {
                return answer(request, true, resumed.get(), true);
            }
        }
        var page = messages.history(
                request.tenantId(), request.conversationId(), request.beforeMessageId(), request.limit());
        if (page.isEmpty()) {
            boolean exists =
                    queries.find(request.tenantId(), request.conversationId()).isPresent();
            return answer(request, exists, new MessageQueries.MessagePage(List.of(), false, 0), false);
        }
        return answer(request, true, page.get(), false);
    }

    private MessageHistoryAnswered answer(
            MessageHistoryRequested request, boolean found, MessageQueries.MessagePage page, boolean recovered) {
        return new MessageHistoryAnswered(
                UUID.randomUUID().toString(),
                clock.instant(),
                request.tenantId(),
                request.conversationId(),
                request.requestId(),
                request.replyTo(),
                found,
                page.messages(),
                page.hasMore(),
                recovered,
                page.throughSequence());
    }
}
