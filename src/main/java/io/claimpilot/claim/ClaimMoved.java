package io.claimpilot.claim;

/**
 * Fired by {@link ClaimLifecycle}, synchronously and inside the claim's transaction, each time a claim changes status:
 * observers that record what follows from it (outbound events) do so in the same transaction, or not at all.
 */
public record ClaimMoved(String claimId, ClaimStatus from, ClaimStatus to, String actor) {
}
