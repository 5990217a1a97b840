package io.claimpilot.claim;

/** Fired, inside the claim's transaction, when a shop withdraws a claim. */
public record ClaimCancelled(String claimId, String by) {
}
