package net.fiko.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import net.fiko.support.kafka.ListenerFailures.Kind;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class ListenerFailuresTest {

    @Test
    void shouldTakeDataPostgresqlRefusesAsPermanentWhereverItIsWrapped() {
        assertThat(ListenerFailures.classify(wrapped(new SQLException("invalid byte sequence 0x00", "22021"))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(ListenerFailures.classify(wrapped(new SQLException("index row size exceeds maximum", "54000"))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(ListenerFailures.classify(wrapped(new SQLException("not-null violation", "23502"))))
                .isEqualTo(Kind.PERMANENT);
        assertThat(ListenerFailures.classify(new PoisonRecordException("not an event")))
                .isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldReadTheStateOfTheStatementThatFailedInABatch() {
        var batch = new BatchUpdateException("Batch entry 3 was aborted", "22000", new int[0]);
        batch.setNextException(new SQLException("invalid byte sequence 0x00", "22021"));

        assertThat(ListenerFailures.classify(wrapped(batch))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void shouldRetryWhatPassesByItself() {
        assertThat(ListenerFailures.classify(wrapped(new SQLException("connection refused", "08001"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(wrapped(new SQLException("deadlock detected", "40P01"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(wrapped(new SQLException("terminating connection", "57P01"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(new CannotCreateTransactionException("no connection")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(new QueryTimeoutException("slow"))).isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(new TimeoutException("broker away")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerFailures.classify(new IllegalStateException(new ConnectException("refused"))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void shouldNotDeadLetterAtOnceAUniqueViolationNorWhatItCannotTell() {
        assertThat(ListenerFailures.classify(wrapped(new SQLException("duplicate key", "23505"))))
                .isEqualTo(Kind.UNKNOWN);
        assertThat(ListenerFailures.classify(new NullPointerException())).isEqualTo(Kind.UNKNOWN);
    }

    /** As a failing listener's error handler sees it: the listener's exception, a batch index, Spring's translation. */
    private static Exception wrapped(SQLException cause) {
        return new ListenerExecutionFailedException(
                "Listener failed",
                new BatchListenerFailedException(
                        "event 0 failed", new DataIntegrityViolationException("could not execute", cause), 0));
    }
}
