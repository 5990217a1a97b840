package io.claimpilot.action;

/**
 * The accounting references of a refund the provider already made, written onto it afterwards: the credit note's
 * number exists only once the refund is confirmed, so it cannot travel with the refund itself. Stripe keeps them in
 * the refund's metadata (credit_note, reason_code, claim_id), where the accountant matches payouts to notes.
 */
public record RefundReferences(String claimId, String shop, String refundId, String creditNote, String reasonCode) {

    public static final String ACTION = "REFUND_REFERENCES";
    /** The providers whose refunds can take references once made: only these get the action. */
    public static final java.util.Set<String> PROVIDERS = java.util.Set.of("stripe");
}
