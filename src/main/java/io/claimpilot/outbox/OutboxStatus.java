package io.claimpilot.outbox;

/**
 * Where an outbox action stands.
 *
 * <pre>
 * PENDING ─► IN_PROGRESS (a dispatcher holds it until its lease ends) ─► DONE | FAILED | PENDING (retry later)
 *                                                                     └► AWAITING_CONFIRMATION ─► DONE | FAILED
 * FAILED ─► PENDING (an admin retries it)
 * </pre>
 */
public enum OutboxStatus {
    PENDING,
    IN_PROGRESS,
    /** The provider accepted it and reports the end later (a webhook). */
    AWAITING_CONFIRMATION,
    DONE,
    FAILED;

    public boolean settled() {
        return this == DONE || this == FAILED;
    }
}
