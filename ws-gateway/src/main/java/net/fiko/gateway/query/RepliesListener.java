package net.fiko.gateway.query;

import net.fiko.events.EventJson;
import net.fiko.events.query.QueryAnswer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/** Hands the answers on {@code fiko.gateway.replies} to the {@link QueryClient}. */
@Component
public class RepliesListener implements MessageListener<String, byte[]> {

    private final QueryClient client;

    RepliesListener(QueryClient client) {
        this.client = client;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        try {
            QueryAnswer answer = EventJson.fromBytes(record.value(), QueryAnswer.class);
            if (answer != null) {
                client.answered(answer);
            }
        } catch (IllegalArgumentException e) {
            // Not an answer this version can read: nobody here waits for it.
        }
    }
}
