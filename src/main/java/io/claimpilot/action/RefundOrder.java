package io.claimpilot.action;

import io.claimpilot.common.Money;

/**
 * A refund to carry out, as queued in the outbox. The amount stays a {@link Money} from the decision to the payment
 * connector, which alone turns it into the provider's minor units. The accounting reason code
 * ({@code rules/accounting.csv}) goes with it to the provider, for the accountant's matching.
 */
public record RefundOrder(String claimId, String shop, String orderId, String paymentReference, Money amount,
                          String reasonCode) {

    /** A refund queued before reason codes went with refunds: the provider gets no reason code. */
    public RefundOrder(String claimId, String shop, String orderId, String paymentReference, Money amount) {
        this(claimId, shop, orderId, paymentReference, amount, null);
    }

    public static final String ACTION = "REFUND";
    /** The key of the action's result that names the payment provider which made the refund. */
    public static final String RESULT_PROVIDER = "provider";
}
