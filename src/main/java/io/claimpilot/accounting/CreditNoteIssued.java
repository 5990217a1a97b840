package io.claimpilot.accounting;

/**
 * Fired in the transaction that issued a credit note, so what goes with it (the number sent to the payment provider)
 * is queued in the same transaction.
 */
public record CreditNoteIssued(String number, String claimId, long refundActionId, String reasonCode,
                               String paymentProvider, String providerReference) {
}
