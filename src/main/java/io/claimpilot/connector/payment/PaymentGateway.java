package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;

import java.time.Instant;
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
     * How a refund the provider accepted earlier stands now ({@code refundId} is what {@link #refund} returned), for
     * one still pending whose webhook never came: done, still pending, or thrown as a NEEDS_REVIEW
     * {@link io.claimpilot.outbox.ActionFailure} when it failed; RETRYABLE when the provider could not be asked.
     * Empty when this provider cannot be asked (its report is awaited).
     */
    default Optional<Refund> refundStatus(String refundId) {
        return Optional.empty();
    }

    /**
     * Writes references (the credit note, the reason code) onto a refund this provider made, where the accountant
     * will look for them. False when this provider's refunds cannot carry them once made (Shopify's note is written
     * with the refund, and a refund cannot be edited afterwards).
     */
    default boolean addReferences(String refundId, java.util.Map<String, String> references) {
        return false;
    }

    /**
     * @param paymentReference the order's payment at the provider: Stripe {@code pi_...} or {@code ch_...}; for
     *                         Shopify the order is {@code orderId}
     * @param firstAttemptedAt when this refund was first sent to the provider (null: this is the first time). A
     *                         provider that forgets idempotency keys (Stripe, after 24 hours) looks for the refund
     *                         an old attempt made before creating one.
     * @param reasonCode       the accounting reason code (rules/accounting.csv), sent along for the accountant; may
     *                         be null for a refund queued before reason codes existed
     */
    record RefundRequest(String claimId, String idempotencyKey, String orderId, String paymentReference, Money amount,
                         Instant firstAttemptedAt, String reasonCode) {

        public RefundRequest(String claimId, String idempotencyKey, String orderId, String paymentReference, Money amount,
                             Instant firstAttemptedAt) {
            this(claimId, idempotencyKey, orderId, paymentReference, amount, firstAttemptedAt, null);
        }

        public RefundRequest(String claimId, String idempotencyKey, String orderId, String paymentReference, Money amount) {
            this(claimId, idempotencyKey, orderId, paymentReference, amount, null);
        }
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
