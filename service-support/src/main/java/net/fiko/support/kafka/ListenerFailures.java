package net.fiko.support.kafka;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells why a listener failed on a record, by the exception and its causes: a failure of something the record needs
 * (the database or the broker unreachable, a deadlock) passes by itself and is retried until it does; a failure of the
 * record's own data (it is no event; PostgreSQL refuses its values: SQLSTATE classes 22 and 54, and 23 but for the
 * unique violations the services resolve themselves) never will and is dead-lettered at once; anything else is retried
 * a few times and then dead-lettered.
 */
public final class ListenerFailures {

    /** What a failure says about its record. */
    public enum Kind {
        /** Something the record needs is briefly missing: retry, for as long as it takes. */
        TRANSIENT,
        /** The record itself can never be processed: dead-letter it now. */
        PERMANENT,
        /** Not known to be either: retry a few times, then dead-letter it. */
        UNKNOWN
    }

    /** SQLSTATE classes of failures that are the data's fault. */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");
    /** SQLSTATE classes of failures of the connection or of concurrency, which pass. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private ListenerFailures() {}

    public static Kind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonRecordException) {
                return Kind.PERMANENT;
            }
            if (cause instanceof SQLException sql) {
                Kind kind = bySqlState(sql);
                if (kind != Kind.UNKNOWN) {
                    return kind;
                }
            }
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof PessimisticLockingFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof RetriableException
                    || cause instanceof ConnectException) {
                return Kind.TRANSIENT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Kind.UNKNOWN;
    }

    private static Kind bySqlState(SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state == null || state.length() < 2) {
                continue;
            }
            String stateClass = state.substring(0, 2);
            if (DATA_CLASSES.contains(stateClass) && !UNIQUE_VIOLATION.equals(state)) {
                return Kind.PERMANENT;
            }
            if (TRANSIENT_CLASSES.contains(stateClass) || LOCK_NOT_AVAILABLE.equals(state)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNKNOWN;
    }
}
