package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;

import java.util.Map;

/**
 * Gives money back through the shop's payment provider. Implementations pass {@link RefundRequest#idempotencyKey()}
 * to the provider, so asking twice (a retry after a timeout, a second replica after a crash) refunds once.
 * Failures are thrown as {@link io.claimpilot.outbox.ActionFailure}.
 */
public interface PaymentGateway {

    Refund refund(RefundRequest request);

    /**
     * @param paymentReference the order's payment at the provider: Stripe {@code pi_...} or {@code ch_...}; for
     *                         Shopify the order is {@code orderId}
     */
    record RefundRequest(String claimId, String idempotencyKey, String orderId, String paymentReference, Money amount) {
    }

    /** A refund the provider accepted: done, or still pending (the final state comes later, by webhook). */
    record Refund(String id, boolean pending, Map<String, Object> details) {
    }
}
