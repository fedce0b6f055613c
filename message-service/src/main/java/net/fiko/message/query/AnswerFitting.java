package net.fiko.message.query;

import java.util.List;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.query.ConversationListAnswered;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.events.query.QueryAnswer;

/**
 * Answers made to fit one Kafka record: what a page holds is bounded by its count, but a page of long messages could
 * outgrow the record limit (1 MB by default), and an answer that does not fit never arrives.
 */
final class AnswerFitting {

    /**
     * The most an answer's messages or conversations may take, well under Kafka's default 1 MB record: what does not
     * fit is left for the next page.
     */
    static final int MAX_ANSWER_BYTES = 512 * 1024;
    /** Characters of a last message's preview, in a list page too large to send with every last message whole. */
    static final int PREVIEW_CHARS = 500;

    private AnswerFitting() {}

    /**
     * An answer over {@link #MAX_ANSWER_BYTES} made to fit, rather than outgrow Kafka's record and never arrive: a list
     * page with its last messages cut to previews; a history page with the newest messages that fit and
     * {@code has_more}; a resume that missed too much to send at once, as one whose resume point is unknown: the newest
     * that fit, {@code recovered: false}.
     */
    static QueryAnswer fitted(QueryAnswer answer) {
        if (answer instanceof ConversationListAnswered list) {
            return new ConversationListAnswered(
                    list.eventId(),
                    list.occurredAt(),
                    list.tenantId(),
                    list.conversationId(),
                    list.requestId(),
                    list.replyTo(),
                    list.conversations().stream()
                            .map(AnswerFitting::withPreview)
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
                    history.recovered() && !cut,
                    history.throughSequence());
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

    /** The conversation with its last message cut to a preview, for a list page too large to send whole. */
    static ConversationSnapshot withPreview(ConversationSnapshot conversation) {
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
                conversation.replyAllowedUntil(),
                conversation.snoozedUntil(),
                conversation.assignee());
    }
}
