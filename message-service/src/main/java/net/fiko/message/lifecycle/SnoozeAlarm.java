package net.fiko.message.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wakes snoozed conversations whose time has come, every {@code fiko.message-service.snooze-check-interval} (15 s),
 * in batches; instances share the work ({@code SKIP LOCKED}).
 */
@Component
class SnoozeAlarm {

    private static final Logger log = LoggerFactory.getLogger(SnoozeAlarm.class);
    private static final int BATCH = 200;

    private final ConversationLifecycle lifecycle;

    SnoozeAlarm(ConversationLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(
            fixedDelayString = "${fiko.message-service.snooze-check-interval:PT15S}",
            initialDelayString = "${fiko.message-service.snooze-check-interval:PT15S}")
    void wake() {
        try {
            while (lifecycle.endSnoozes(BATCH) == BATCH) {
                // more are due: the next batch at once
            }
        } catch (DataAccessException e) {
            log.warn("Could not end due snoozes, trying again at the next check: {}", e.getMessage());
        }
    }
}
