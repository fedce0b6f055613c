package net.fiko.message.outbox;

import java.time.Clock;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Topic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where services put the events of a change: in the change's own transaction, so a stored message and its event
 * are never one without the other. The relay publishes them once the transaction commits.
 */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(OutboxRepository repository, OutboxRelay relay, Clock clock) {
        this.repository = repository;
        this.relay = relay;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <V extends FikoEvent> void append(Topic<? super V> topic, V event) {
        repository.save(new OutboxEvent(topic.name(), event.partitionKey(), EventJson.toJson(event), clock.instant()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
