package net.fiko.support.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which declared topics {@code KafkaAdmin} may create or modify: those the cluster does not have yet. The cluster's
 * topics are listed once per round of declarations (a round asks about every topic within moments); if the broker
 * cannot be asked, every topic is let through, and creating one that exists changes nothing.
 */
final class MissingTopicsOnly implements Predicate<NewTopic> {

    private static final Logger log = LoggerFactory.getLogger(MissingTopicsOnly.class);
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Map<String, Object> adminConfig;
    private Set<String> existing;
    private long listedAt;

    MissingTopicsOnly(Map<String, Object> adminConfig) {
        this.adminConfig = Map.copyOf(adminConfig);
    }

    @Override
    public synchronized boolean test(NewTopic topic) {
        if (existing == null || System.nanoTime() - listedAt > FRESH_NANOS) {
            existing = list();
            listedAt = System.nanoTime();
        }
        return !existing.contains(topic.name());
    }

    private Set<String> list() {
        try (Admin admin = Admin.create(adminConfig)) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not list the cluster's topics ({}); declaring all of them", e.toString());
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }
}
