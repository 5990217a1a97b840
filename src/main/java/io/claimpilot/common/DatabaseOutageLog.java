package io.claimpilot.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Logs why the database is unavailable once, not once per refused request: during an outage or with a full disk
 * every request fails the same way, and a line per request would bury the cause (and fill the disk further).
 * The same kind of failure is logged again only after {@link #QUIET_PERIOD}, with how many requests it refused since.
 */
@ApplicationScoped
public class DatabaseOutageLog {

    static final Duration QUIET_PERIOD = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(DatabaseOutageLog.class);

    private final Map<DatabaseUnavailable, Episode> episodes = new EnumMap<>(DatabaseUnavailable.class);

    @Inject
    Clock clock;

    public DatabaseOutageLog() {
    }

    DatabaseOutageLog(Clock clock) {
        this.clock = clock;
    }

    /** Records a request refused for {@code kind}; returns whether this call wrote the log line. */
    public boolean refused(DatabaseUnavailable kind, SQLException cause) {
        Instant now = clock.instant();
        long suppressed;
        synchronized (episodes) {
            Episode episode = episodes.get(kind);
            if (episode != null && now.isBefore(episode.loggedAt.plus(QUIET_PERIOD))) {
                episode.suppressed++;
                return false;
            }
            suppressed = episode == null ? 0 : episode.suppressed;
            episodes.put(kind, new Episode(now));
        }
        // The driver's message names the failure (refused connection, "No space left on device") and no secret.
        String state = cause == null ? "none" : cause.getSQLState();
        String message = cause == null ? "" : cause.getMessage();
        if (suppressed > 0) {
            LOG.errorf("%s: requests answer 503 (SQL state %s: %s); %d more were refused the same way since it was last logged",
                    kind.title(), state, message, suppressed);
        } else {
            LOG.errorf("%s: requests answer 503 until it is back (SQL state %s: %s); repeats are logged at most every %d minutes",
                    kind.title(), state, message, QUIET_PERIOD.toMinutes());
        }
        return true;
    }

    private static final class Episode {
        final Instant loggedAt;
        long suppressed;

        Episode(Instant loggedAt) {
            this.loggedAt = loggedAt;
        }
    }
}
