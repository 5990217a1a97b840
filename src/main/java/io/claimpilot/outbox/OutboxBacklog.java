package io.claimpilot.outbox;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Backpressure for intake: how many actions are due now that the dispatchers could run, read at most once a second.
 * Under sustained load the intake's many request threads take the CPU the dispatchers need, and the backlog of
 * refunds and messages then grows without bound (the soak of docs/benchmarks.md, run 9). Above
 * {@code claimpilot.intake.max-due-actions}, new claims are refused with 503 and {@code Retry-After}, nothing stored,
 * until the dispatchers have caught up. Actions waiting for a retry's backoff (a provider down) are not due, and
 * refunds held by the kill switch are not runnable: neither stops intake.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final long READ_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Inject
    EntityManager em;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Clock clock;
    /** 0 turns the check off. */
    @ConfigProperty(name = "claimpilot.intake.max-due-actions", defaultValue = "20000")
    long maxDue;

    private volatile long due;
    private volatile long readAtNanos;
    private volatile boolean read;

    /** Throws a 503 problem when more actions are due than the dispatchers should be asked to catch up on. */
    public void requireRoomForNewClaims() {
        if (maxDue <= 0) {
            return;
        }
        long now = dueActions();
        if (now > maxDue) {
            throw ApiProblem.unavailable("Catching up", "More than " + maxDue + " actions of earlier claims are waiting"
                    + " to run; try again in " + RETRY_AFTER.toSeconds() + " s. Nothing was stored.", RETRY_AFTER);
        }
    }

    /** Actions due now, counted up to one past the bound (a count of a huge backlog would cost as much as the backlog). */
    long dueActions() {
        long nowNanos = System.nanoTime();
        if (read && nowNanos - readAtNanos < READ_EVERY_NANOS) {
            return due;
        }
        synchronized (this) {
            if (!read || System.nanoTime() - readAtNanos >= READ_EVERY_NANOS) {
                due = count(dispatcher.runnableActions());
                readAtNanos = System.nanoTime();
                read = true;
            }
            return due;
        }
    }

    /** The next call reads the database again. */
    void forget() {
        read = false;
    }

    private long count(Set<String> runnable) {
        if (runnable.isEmpty()) {
            return 0;
        }
        return ((Number) em.createNativeQuery("""
                        select count(*) from (select 1 from outbox where status = 'PENDING' and next_attempt_at <= :now
                                                and action in (:runnable) limit :cap) due""")
                .setParameter("now", clock.instant())
                .setParameter("runnable", runnable)
                .setParameter("cap", maxDue + 1)
                .getSingleResult()).longValue();
    }
}
