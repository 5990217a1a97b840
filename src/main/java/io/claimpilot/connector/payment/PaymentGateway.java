package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;

import java.util.Map;
import java.util.Optional;

/**
 * Gives money back through the shop's payment provider. Implementations pass {@link RefundRequest#idempotencyKey()}
 * to the provider, so asking twice (a retry after a timeout, a second replica after a crash) refunds once.
 * Failures are thrown as {@link io.claimpilot.outbox.ActionFailure}.
 */
public interface PaymentGateway {

    Refund refund(RefundRequest request);

    /**
     * The payment a refund would go against, as the provider reports it now; empty when this gateway cannot read
     * payments (the sandbox). {@link PaymentCheck} compares the refund with it before {@link #refund} is called.
     */
    Optional<Payment> payment(RefundRequest request);

    /**
     * @param paymentReference the order's payment at the provider: Stripe {@code pi_...} or {@code ch_...}; for
     *                         Shopify the order is {@code orderId}
     */
    record RefundRequest(String claimId, String idempotencyKey, String orderId, String paymentReference, Money amount) {
    }

    /**
     * A payment as its provider reports it, in decimal money.
     *
     * @param provider     the provider's name, as people know it ("Stripe")
     * @param name         the payment as the provider names it: "payment pi_3Mtw...", "order 450789469"
     * @param paid         what was captured
     * @param refunded     what was already refunded, by anyone
     * @param alreadyMade  true when the provider already holds this very refund (same claim, same amount): an earlier
     *                     attempt reached it and its answer was lost; the idempotency key returns it, nothing is paid twice
     */
    record Payment(String provider, String name, Money paid, Money refunded, boolean alreadyMade) {
    }

    /** A refund the provider accepted: done, or still pending (the final state comes later, by webhook). */
    record Refund(String id, boolean pending, Map<String, Object> details) {
    }
}
