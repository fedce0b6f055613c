package net.fiko.connector.telegram.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.fiko.connector.telegram.channel.Channel;
import net.fiko.connector.telegram.channel.Channels;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.connector.telegram.client.BotApiException;
import net.fiko.connector.telegram.client.BotApiFailure;
import net.fiko.connector.telegram.system.TelegramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Polling mode ({@code fiko.telegram.updates=polling}): for development without a public URL. Each connected bot
 * gets a thread that long-polls {@code getUpdates} and hands every update to {@link UpdateIntake}. The offset passed
 * to Telegram, which confirms the updates below it, moves past an update only once Kafka has it; an update Kafka
 * did not take is asked for again. Telegram serves one poller per bot, so run one connector instance in this mode.
 */
@Component
@ConditionalOnProperty(name = "fiko.telegram.updates", havingValue = "polling")
class UpdatePolling implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UpdatePolling.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Channels channels;
    private final BotApiClient telegram;
    private final UpdateIntake intake;
    private final Duration pollTimeout;
    private final Map<String, Thread> pollers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService supervisor;

    UpdatePolling(Channels channels, BotApiClient telegram, UpdateIntake intake, TelegramProperties properties) {
        this.channels = channels;
        this.telegram = telegram;
        this.intake = intake;
        this.pollTimeout = properties.pollTimeout();
    }

    @Override
    public void start() {
        running = true;
        supervisor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "telegram-polling");
            thread.setDaemon(true);
            return thread;
        });
        supervisor.scheduleWithFixedDelay(this::pollNewChannels, 0, 2, TimeUnit.SECONDS);
        log.info("Telegram updates are long-polled (getUpdates), not received on webhooks");
    }

    @Override
    public void stop() {
        running = false;
        supervisor.shutdownNow();
        pollers.values().forEach(Thread::interrupt);
        for (Thread poller : List.copyOf(pollers.values())) {
            try {
                poller.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts a poller for each connected channel that has none; a poller ends when its channel goes. */
    private void pollNewChannels() {
        try {
            for (Channel channel : channels.connected()) {
                pollers.computeIfAbsent(channel.id(), id -> {
                    Thread thread = new Thread(() -> poll(channel), "telegram-poll-" + id);
                    thread.setDaemon(true);
                    thread.start();
                    return thread;
                });
            }
        } catch (RuntimeException e) {
            log.warn("Could not list the channels to poll: {}", e.toString());
        }
    }

    private void poll(Channel channel) {
        Long offset = null;
        int failures = 0;
        try {
            while (running) {
                Optional<String> token = channels.token(channel.id());
                if (token.isEmpty()) {
                    return;
                }
                List<JsonNode> updates;
                try {
                    updates = telegram.getUpdates(token.get(), offset, pollTimeout, Channels.ALLOWED_UPDATES);
                    failures = 0;
                } catch (BotApiException e) {
                    if (!running) {
                        return;
                    }
                    BotApiFailure failure = e.failure();
                    if (failure.kind() == BotApiFailure.Kind.TOKEN_REVOKED) {
                        channels.disconnected(channel.id());
                        log.warn("Telegram revoked the token of channel {}; polling stopped", channel.id());
                        return;
                    }
                    log.warn("getUpdates failed for channel {}: {}", channel.id(), failure.detail());
                    pause(++failures, failure.retryAfter());
                    continue;
                }
                for (JsonNode update : updates) {
                    long updateId = update.path("update_id").asLong(-1);
                    if (updateId < 0) {
                        continue;
                    }
                    if (intake.accept(channel, updateId, update) == UpdateIntake.Outcome.UNAVAILABLE) {
                        pause(++failures, null);
                        break;
                    }
                    offset = updateId + 1;
                }
            }
        } catch (RuntimeException e) {
            log.error("Polling channel {} stopped; it restarts shortly", channel.id(), e);
            pause(1, null);
        } finally {
            pollers.remove(channel.id());
        }
    }

    /** Waits {@code retryAfter} when Telegram gave one, else 1 s doubling per failure with jitter, at most 30 s. */
    private static void pause(int failures, Duration retryAfter) {
        long millis = retryAfter != null
                ? retryAfter.toMillis()
                : Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 10))
                        + ThreadLocalRandom.current().nextLong(250);
        try {
            // Each bot has a poller thread of its own, and a failed long poll must not be retried at once: this
            // thread has nothing else to do meanwhile, and stop() interrupts the wait.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
