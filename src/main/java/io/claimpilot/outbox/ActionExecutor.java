package io.claimpilot.outbox;

/**
 * Carries out one kind of outbox action ({@code REFUND}, {@code RESHIP}, {@code NOTIFY_CUSTOMER},
 * {@code HELPDESK_NOTE}, ...) through its connector. There is one CDI bean per action name; the dispatcher
 * picks the bean whose {@link #action()} matches the entry.
 *
 * <p>An executor must be safe to call again for the same entry: it passes the entry's idempotency key to the
 * provider, so a retry after a timeout never refunds or ships twice.
 */
public interface ActionExecutor {

    /** The outbox action name this executor handles, e.g. {@code "REFUND"}. */
    String action();

    /**
     * Executes the entry. Returns how it ended; throws {@link ActionFailure} when it did not succeed, saying
     * whether a retry can help.
     */
    ActionResult execute(OutboxEntry entry);
}
