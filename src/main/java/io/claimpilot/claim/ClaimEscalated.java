package io.claimpilot.claim;

/** Fired, inside the claim's transaction, when a claim enters the human queue. */
public record ClaimEscalated(String claimId, String reason) {
}
