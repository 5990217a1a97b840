package io.claimpilot.common;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A request failed because the database could not serve it at all (down, restarting, out of connections or out of
 * disk), not because of the request: the caller should try again later, and the answer is {@code 503} with
 * {@code Retry-After}, never a {@code 500}.
 *
 * <p>Recognised from the SQL state of any {@link SQLException} in the cause chain (Hibernate, the transaction manager
 * and CDI wrap it differently on each path), so the mapping does not depend on where the failure surfaced.
 */
public enum DatabaseUnavailable {

    /**
     * Connection refused or lost (class 08), the server shutting down or starting up (57P01, 57P02, 57P03), or no
     * pooled connection within the pool's acquisition timeout.
     */
    UNREACHABLE("The database is unreachable", Duration.ofSeconds(5)),
    /** 53100: PostgreSQL could not extend a file. An operator must free space; retrying soon will not help. */
    DISK_FULL("The database's disk is full", Duration.ofSeconds(60)),
    /** The rest of class 53: out of memory, too many connections, a configuration limit. */
    OUT_OF_RESOURCES("The database is out of resources", Duration.ofSeconds(10));

    private final String title;
    private final Duration retryAfter;

    DatabaseUnavailable(String title, Duration retryAfter) {
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public String title() {
        return title;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** What made the database unavailable, if that is why {@code failure} happened. */
    public static Optional<DatabaseUnavailable> causeOf(Throwable failure) {
        return sqlCause(failure).flatMap(DatabaseUnavailable::classify);
    }

    /**
     * The innermost {@link SQLException} of the chain: the driver's own, with the server's state and message. A failed
     * commit carries it as a suppressed exception of the transaction manager's (a {@code RollbackException} whose
     * {@code XAException} holds the driver's), so those are searched too.
     */
    public static Optional<SQLException> sqlCause(Throwable failure) {
        return Optional.ofNullable(innermostSql(failure, 0));
    }

    private static SQLException innermostSql(Throwable failure, int depth) {
        SQLException found = null;
        for (Throwable t = failure; t != null && depth < 50; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                SQLException inSuppressed = innermostSql(suppressed, depth + 1);
                if (inSuppressed != null && found == null) {
                    found = inSuppressed;
                }
            }
        }
        return found;
    }

    private static Optional<DatabaseUnavailable> classify(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // Agroal gives up waiting for a connection with a state-less SQLException caused by a TimeoutException.
            return sql.getCause() instanceof TimeoutException ? Optional.of(UNREACHABLE) : Optional.empty();
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return Optional.of(UNREACHABLE);
        }
        if (state.equals("53100")) {
            return Optional.of(DISK_FULL);
        }
        if (state.startsWith("53")) {
            return Optional.of(OUT_OF_RESOURCES);
        }
        return Optional.empty();
    }
}
