package io.claimpilot.outbox;

/**
 * Where an outbox action stands.
 *
 * <pre>
 * PENDING ─► IN_PROGRESS (a dispatcher holds it until its lease ends) ─► DONE | FAILED | PENDING (retry later)
 *                                                                     └► AWAITING_CONFIRMATION ─► DONE | FAILED
 * FAILED ─► PENDING (an admin retries it)
 * PENDING | FAILED ─► SUPERSEDED (what it was for was decided again, or withdrawn: it never runs)
 * </pre>
 */
public enum OutboxStatus {
    PENDING,
    IN_PROGRESS,
    /** The provider accepted it and reports the end later (a webhook). */
    AWAITING_CONFIRMATION,
    DONE,
    FAILED,
    /**
     * Replaced before it ran to the end: a new decision or a withdrawal made it pointless. Final: the dispatcher never
     * takes it and it cannot be retried, so a refund replaced by another one can never be paid as well.
     */
    SUPERSEDED;

    public boolean settled() {
        return this == DONE || this == FAILED || this == SUPERSEDED;
    }
}
