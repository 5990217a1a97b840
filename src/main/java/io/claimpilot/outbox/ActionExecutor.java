package io.claimpilot.outbox;

import java.util.Optional;

/**
 * Carries out one kind of outbox action through its connector. There is one CDI bean per action name; the dispatcher
 * picks the bean whose {@link #action()} matches the entry and reads the entry's payload as {@link #payloadType()}.
 *
 * <p>An executor must be safe to call again for the same entry: it passes the entry's idempotency key to the
 * provider, so a retry after a timeout never refunds or ships twice.
 *
 * @param <P> the typed payload, a record
 */
public interface ActionExecutor<P> {

    /** The outbox action name this executor handles, e.g. {@code "REFUND"}. */
    String action();

    Class<P> payloadType();

    /** Whether the action moves money or goods: those are held while the kill switch is on. */
    default boolean movesMoneyOrGoods() {
        return false;
    }

    /**
     * Whether executing this entry calls a provider over the network. An action that does not (a sandbox connector, a
     * message recorded by the sandbox helpdesk) is executed by the dispatcher together with others and with the
     * record of its outcome, in one transaction: no round trip to wait for, so no transaction of its own. The safe
     * default is that it does.
     */
    default boolean callsOut(P payload) {
        return true;
    }

    /**
     * Executes the entry. Returns how it ended; throws {@link ActionFailure} when it did not succeed, saying
     * whether a retry can help.
     */
    ActionResult execute(OutboxEntry entry, P payload);

    /**
     * Asks the provider how an action it accepted ({@link OutboxStatus#AWAITING_CONFIRMATION}) ended, when its report
     * is late: DONE, or still AWAITING_CONFIRMATION; throws a NEEDS_REVIEW or PERMANENT {@link ActionFailure} when it
     * failed, a RETRYABLE one when the provider could not be asked. Empty when this provider cannot be asked.
     */
    default Optional<ActionResult> checkOutcome(OutboxEntry entry, P payload) {
        return Optional.empty();
    }
}
