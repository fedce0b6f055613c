package net.fiko.gateway.query;

import net.fiko.events.query.QueryAnswer;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/** Hands the answers on {@code fiko.gateway.replies} to the {@link QueryClient}. */
@Component
class RepliesListener implements MessageListener<String, byte[]> {

    private final QueryClient client;

    RepliesListener(QueryClient client) {
        this.client = client;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        QueryAnswer answer = EventRecords.read(record, QueryAnswer.class);
        if (answer != null) {
            client.answered(answer);
        }
    }
}
