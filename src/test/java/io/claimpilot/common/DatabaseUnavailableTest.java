package io.claimpilot.common;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that cannot serve any request answers {@code 503} problem+json with {@code Retry-After}, whatever
 * wrapped the driver's exception on its way up; a request the database refused for its own content stays a 500.
 */
class DatabaseUnavailableTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aRefusedConnectionWrappedByHibernateAndJpaIsUnreachable() {
        RuntimeException failure = new PersistenceException("could not execute statement",
                new JDBCConnectionException("Unable to open JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));

        assertThat(DatabaseUnavailable.causeOf(failure)).contains(DatabaseUnavailable.UNREACHABLE);
    }

    @Test
    void aServerShuttingDownOrStartingUpIsUnreachable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006"}) {
            assertThat(DatabaseUnavailable.causeOf(new GenericJDBCException("x", new SQLException("down", state))))
                    .as(state).contains(DatabaseUnavailable.UNREACHABLE);
        }
    }

    @Test
    void thePoolGivingUpWaitingForAConnectionIsUnreachable() {
        RuntimeException failure = new PersistenceException(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException())));

        assertThat(DatabaseUnavailable.causeOf(failure)).contains(DatabaseUnavailable.UNREACHABLE);
    }

    @Test
    void aFileThatCouldNotBeExtendedIsADiskFull() {
        RuntimeException failure = new PersistenceException(new GenericJDBCException("could not execute statement",
                new SQLException("could not extend file \"base/5/16444\": No space left on device", "53100")));

        assertThat(DatabaseUnavailable.causeOf(failure)).contains(DatabaseUnavailable.DISK_FULL);
        assertThat(DatabaseUnavailable.causeOf(new SQLException("too many clients", "53300")))
                .contains(DatabaseUnavailable.OUT_OF_RESOURCES);
    }

    @Test
    void aCommitThatFailedForWantOfDiskIsADiskFullEvenWhenTheDriversExceptionIsOnlySuppressed() {
        // As Narayana reports it: the driver's exception hangs off a suppressed XAException, not off the cause chain.
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("PANIC: could not write to file \"pg_wal/xlogtemp.6526\": No space left on device", "53100"));
        rollback.addSuppressed(xa);

        assertThat(DatabaseUnavailable.causeOf(new RuntimeException("Error invoking subclass method", rollback)))
                .contains(DatabaseUnavailable.DISK_FULL);
    }

    @Test
    void aConstraintViolationOrAnyOtherFailureIsNotAnOutage() {
        assertThat(DatabaseUnavailable.causeOf(new PersistenceException(new GenericJDBCException("x",
                new SQLException("duplicate key value violates unique constraint", "23505"))))).isEmpty();
        assertThat(DatabaseUnavailable.causeOf(new SQLException("no state"))).isEmpty();
        assertThat(DatabaseUnavailable.causeOf(new IllegalStateException("not the database"))).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsA503ProblemWithRetryAfterAndNoInternals() {
        ProblemMappers mappers = mappers();

        Response response = mappers.unexpected(new PersistenceException(new JDBCConnectionException("Unable to open",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).isEqualTo("The database is unreachable; try again later").doesNotContain("5432");
    }

    @Test
    void aFullDiskIsA503ProblemAskingToRetryInAMinute() {
        Response response = mappers().unexpected(new PersistenceException(new GenericJDBCException("x",
                new SQLException("could not extend file: No space left on device", "53100"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("60");
        assertThat(((Problem) response.getEntity()).detail()).startsWith("The database's disk is full");
    }

    @Test
    void anyOtherDatabaseFailureStaysA500WithAnErrorId() {
        Response response = mappers().unexpected(new PersistenceException(new GenericJDBCException("x",
                new SQLException("division by zero", "22012"))));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void theCauseIsLoggedOnceThenAgainOnlyAfterTheQuietPeriod() {
        MovableClock clock = new MovableClock();
        DatabaseOutageLog log = new DatabaseOutageLog(clock);
        SQLException full = new SQLException("No space left on device", "53100");

        assertThat(log.refused(DatabaseUnavailable.DISK_FULL, full)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(log.refused(DatabaseUnavailable.DISK_FULL, full)).isFalse();
        }
        // Another kind of failure is news: it is logged at once.
        assertThat(log.refused(DatabaseUnavailable.UNREACHABLE, new SQLException("refused", "08001"))).isTrue();
        clock.now = NOW.plus(DatabaseOutageLog.QUIET_PERIOD);
        assertThat(log.refused(DatabaseUnavailable.DISK_FULL, full)).isTrue();
        assertThat(log.refused(DatabaseUnavailable.DISK_FULL, full)).isFalse();
    }

    private static ProblemMappers mappers() {
        ProblemMappers mappers = new ProblemMappers();
        mappers.databaseOutages = new DatabaseOutageLog(Clock.fixed(NOW, ZoneOffset.UTC));
        return mappers;
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
