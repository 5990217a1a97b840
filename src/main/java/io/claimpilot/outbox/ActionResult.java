package io.claimpilot.outbox;

import java.util.Map;

/**
 * How an executed action ended at the provider.
 *
 * @param outcome           {@link Outcome#DONE} when final, {@link Outcome#AWAITING_CONFIRMATION} when the provider
 *                          accepted it but reports the final state later (a Stripe refund still {@code pending})
 * @param providerReference the provider's id for what was created (refund id, order id, ticket id), or null
 * @param details           what is worth keeping for the audit and the console, never secrets
 */
public record ActionResult(Outcome outcome, String providerReference, Map<String, Object> details) {

    public enum Outcome { DONE, AWAITING_CONFIRMATION }

    public static ActionResult done(String providerReference, Map<String, Object> details) {
        return new ActionResult(Outcome.DONE, providerReference, details);
    }

    public static ActionResult awaitingConfirmation(String providerReference, Map<String, Object> details) {
        return new ActionResult(Outcome.AWAITING_CONFIRMATION, providerReference, details);
    }
}
