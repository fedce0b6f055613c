package net.fiko.connector.kit.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhooks' group commit on a real PostgreSQL: an update's record commits only once Kafka has acknowledged its
 * batch, the updates that arrive meanwhile share the next transaction, and neither Kafka's refusal nor one bad update
 * keeps anything it should not or holds back the others.
 */
class GroupCommitTest {

    static final PostgresServer POSTGRES = TestServers.postgres();

    final ExecutorService webhooks = Executors.newCachedThreadPool();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Counted down when the batch holding "first" is being written: the worker then waits for its acknowledgement. */
    final CountDownLatch firstStaged = new CountDownLatch(1);

    DriverManagerDataSource dataSource;
    JdbcTemplate jdbc;
    GroupCommits commits;
    GroupCommit<Update, String> intake;

    @BeforeEach
    void start() {
        dataSource = new DriverManagerDataSource(
                POSTGRES.newDatabase("group_commit"), POSTGRES.username(), POSTGRES.password());
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE taken (id text PRIMARY KEY, tx bigint NOT NULL)");
        commits = new GroupCommits(
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                200,
                1,
                Duration.ofSeconds(2),
                meters);
        commits.start();
        intake = commits.of("test-updates", this::stage);
    }

    @AfterEach
    void stop() {
        commits.stop();
        webhooks.shutdownNow();
    }

    @Test
    void updatesArrivingWhileABatchWaitsForKafkaShouldCommitTogetherOnlyOnceKafkaHasThem() throws Exception {
        CompletableFuture<Void> firstAck = new CompletableFuture<>();
        Future<Optional<String>> first = firstWaitingFor(firstAck);
        List<Future<Optional<String>>> next = takeAcked("next-", 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> intake.waiting() == 20);
        assertThat(count())
                .as("nothing committed before Kafka's acknowledgement")
                .isZero();

        firstAck.complete(null);

        assertThat(first.get()).contains("first");
        for (Future<Optional<String>> update : next) {
            assertThat(update.get()).isPresent();
        }
        assertThat(count()).isEqualTo(21);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT tx) FROM taken WHERE id LIKE 'next-%'", Integer.class))
                .as("the twenty that waited share one transaction")
                .isEqualTo(1);
        var updates = meters.get("fiko.intake.batch.updates")
                .tag("intake", "test-updates")
                .summary();
        assertThat(updates.count()).as("batches").isEqualTo(2);
        assertThat(updates.max()).isEqualTo(20);
        assertThat(meters.get("fiko.intake.update").timer().count()).isEqualTo(21);
    }

    @Test
    void withTwoBatchesInFlightTheNextShouldCommitWhileTheFirstWaitsForKafka() throws Exception {
        var twoAtOnce = new GroupCommits(
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                200,
                2,
                Duration.ofSeconds(5),
                new SimpleMeterRegistry());
        twoAtOnce.start();
        try {
            GroupCommit<Update, String> pipelined = twoAtOnce.of("pipelined", this::stage);
            CompletableFuture<Void> firstAck = new CompletableFuture<>();
            Future<Optional<String>> first = webhooks.submit(() -> pipelined.take(new Update("first", firstAck)));
            assertThat(firstStaged.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(pipelined.take(new Update("second", CompletableFuture.completedFuture(null))))
                    .contains("second");
            assertThat(jdbc.queryForList("SELECT id FROM taken", String.class))
                    .as("the second batch committed, the first still waiting for Kafka")
                    .containsExactly("second");

            firstAck.complete(null);
            assertThat(first.get()).contains("first");
            assertThat(count()).isEqualTo(2);
        } finally {
            twoAtOnce.stop();
        }
    }

    @Test
    void aBatchKafkaRefusedShouldKeepNoneOfItsUpdates() {
        Optional<String> refused =
                intake.take(new Update("refused", CompletableFuture.failedFuture(new IllegalStateException("down"))));
        Optional<String> unanswered = intake.take(new Update("unanswered", new CompletableFuture<>()));

        assertThat(refused).isEmpty();
        assertThat(unanswered)
                .as("Kafka silent past the acknowledgement timeout")
                .isEmpty();
        assertThat(count()).isZero();
    }

    @Test
    void anUpdateWhoseStatementsFailShouldFailAloneAndNotHoldBackTheOthers() throws Exception {
        CompletableFuture<Void> firstAck = new CompletableFuture<>();
        Future<Optional<String>> first = firstWaitingFor(firstAck);
        List<Future<Optional<String>>> good = takeAcked("good-", 5);
        Future<Optional<String>> bad =
                webhooks.submit(() -> intake.take(new Update(null, CompletableFuture.completedFuture(null))));
        await().atMost(Duration.ofSeconds(10)).until(() -> intake.waiting() == 6);

        firstAck.complete(null);

        assertThat(first.get()).contains("first");
        for (Future<Optional<String>> update : good) {
            assertThat(update.get()).isPresent();
        }
        assertThatThrownBy(bad::get).hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForList("SELECT id FROM taken ORDER BY id", String.class))
                .containsExactly("first", "good-0", "good-1", "good-2", "good-3", "good-4");
    }

    /** Takes "first" on a webhook thread, returning once its batch is being written and will wait for {@code ack}. */
    private Future<Optional<String>> firstWaitingFor(CompletableFuture<Void> ack) throws InterruptedException {
        Future<Optional<String>> first = webhooks.submit(() -> intake.take(new Update("first", ack)));
        assertThat(firstStaged.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    /** Takes {@code count} updates Kafka acknowledges at once, each on a webhook thread of its own. */
    private List<Future<Optional<String>>> takeAcked(String prefix, int count) {
        List<Future<Optional<String>>> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            taken.add(webhooks.submit(() -> intake.take(new Update(id, CompletableFuture.completedFuture(null)))));
        }
        return taken;
    }

    /** A batch: every update's record in one round trip (a null id fails it), then their sends. */
    private List<String> stage(List<Update> updates, Consumer<CompletableFuture<?>> sends) {
        jdbc.batchUpdate(
                "INSERT INTO taken (id, tx) VALUES (?, txid_current())",
                updates.stream().map(u -> new Object[] {u.id()}).toList());
        updates.forEach(u -> sends.accept(u.ack()));
        if (updates.stream().anyMatch(u -> "first".equals(u.id()))) {
            firstStaged.countDown();
        }
        return updates.stream().map(Update::id).toList();
    }

    record Update(String id, CompletableFuture<?> ack) {}

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM taken", Integer.class);
    }
}
