package io.claimpilot.action;

import io.claimpilot.common.Money;

/**
 * A refund to carry out, as queued in the outbox. The amount stays a {@link Money} from the decision to the payment
 * connector, which alone turns it into the provider's minor units.
 */
public record RefundOrder(String claimId, String shop, String orderId, String paymentReference, Money amount) {

    public static final String ACTION = "REFUND";
    /** The key of the action's result that names the payment provider which made the refund. */
    public static final String RESULT_PROVIDER = "provider";
}
