package net.fiko.message.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
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
    /**
     * The most an answer's messages or conversations may take, well under Kafka's default 1 MB record: what does not
     * fit is left for the next page.
     */
    static final int MAX_ANSWER_BYTES = 512 * 1024;
    /** Characters of a last message's preview, in a list page too large to send with every last message whole. */
    static final int PREVIEW_CHARS = 500;

    private static final Logger log = LoggerFactory.getLogger(GatewayQueryListener.class);

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
            // Serialized once: what is measured is what is sent. Only an answer over the limit is cut and measured
            // again.
            byte[] json = EventJson.toBytes(answer);
            if (json.length > MAX_ANSWER_BYTES) {
                answer = fitted(answer);
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

    /** The conversation with its last message cut to a preview, for a list page too large to send whole. */
    private static ConversationSnapshot withPreview(ConversationSnapshot conversation) {
        Message last = conversation.lastMessage();
        if (last == null || last.content() == null || last.content().length() <= PREVIEW_CHARS) {
            return conversation;
        }
        int end = last.content()
                .offsetByCodePoints(
                        0,
                        Math.min(
                                PREVIEW_CHARS,
                                last.content().codePointCount(0, last.content().length())));
        Message preview = new Message(
                last.id(),
                last.conversationId(),
                last.sequence(),
                last.type(),
                last.content().substring(0, end) + "…",
                last.attachments(),
                last.customer(),
                last.sender(),
                last.clientMsgId(),
                last.platformMessageId(),
                last.status(),
                last.createdAt());
        return new ConversationSnapshot(
                conversation.id(),
                conversation.title(),
                conversation.source(),
                conversation.status(),
                conversation.customer(),
                preview,
                conversation.unreadCount(),
                conversation.createdAt(),
                conversation.updatedAt(),
                conversation.replyAllowedUntil());
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

    /**
     * An answer over {@link #MAX_ANSWER_BYTES} made to fit, rather than outgrow Kafka's record and never arrive: a list
     * page with its last messages cut to previews; a history page with the newest messages that fit and
     * {@code has_more}; a resume that missed too much to send at once, as one whose resume point is unknown: the newest
     * that fit, {@code recovered: false}.
     */
    private static QueryAnswer fitted(QueryAnswer answer) {
        if (answer instanceof ConversationListAnswered list) {
            return new ConversationListAnswered(
                    list.eventId(),
                    list.occurredAt(),
                    list.tenantId(),
                    list.conversationId(),
                    list.requestId(),
                    list.replyTo(),
                    list.conversations().stream()
                            .map(GatewayQueryListener::withPreview)
                            .toList(),
                    list.page(),
                    list.pageSize(),
                    list.total(),
                    list.hasNext());
        }
        if (answer instanceof MessageHistoryAnswered history) {
            List<Message> fitting = newestThatFit(history.messages());
            boolean cut = fitting.size() < history.messages().size();
            return new MessageHistoryAnswered(
                    history.eventId(),
                    history.occurredAt(),
                    history.tenantId(),
                    history.conversationId(),
                    history.requestId(),
                    history.replyTo(),
                    history.found(),
                    fitting,
                    history.hasMore() || cut,
                    history.recovered() && !cut);
        }
        return answer;
    }

    /**
     * The newest of the messages (oldest first) whose answer stays under {@link #MAX_ANSWER_BYTES}: a page of long
     * messages could otherwise outgrow Kafka's record limit, and the answer would never arrive. The client pages on
     * from the oldest it got.
     */
    static List<Message> newestThatFit(List<Message> oldestFirst) {
        long total = 0;
        int from = oldestFirst.size();
        while (from > 0) {
            total += EventJson.toBytes(oldestFirst.get(from - 1)).length + 1;
            if (total > MAX_ANSWER_BYTES && from < oldestFirst.size()) {
                break;
            }
            from--;
        }
        return from == 0 ? oldestFirst : oldestFirst.subList(from, oldestFirst.size());
    }

    private MessageHistoryAnswered answer(
            MessageHistoryRequested request,
            boolean found,
            List<Message> messages,
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
