package io.claimpilot.webhook;

/**
 * A payment provider reported the state of a refund we asked for (Stripe {@code charge.refunded},
 * {@code refund.updated}, ...). Fired as a CDI event after the webhook is verified and deduplicated; the outbox
 * completes or fails the matching REFUND action.
 *
 * @param claimId          from the refund's {@code metadata[claim_id]}, or null when the provider did not echo it
 * @param provider         e.g. {@code "stripe"}
 * @param providerRefundId the provider's refund id, e.g. {@code re_...}
 * @param status           {@code pending}, {@code succeeded}, {@code failed} or {@code canceled}
 * @param failureReason    the provider's failure reason, or null
 */
public record RefundStatusReported(String claimId, String provider, String providerRefundId, String status,
                                   String failureReason) {
}
