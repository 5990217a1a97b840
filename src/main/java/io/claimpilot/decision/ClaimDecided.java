package io.claimpilot.decision;

import io.claimpilot.claim.ClaimReason;
import io.claimpilot.common.Money;
import io.claimpilot.facts.ClaimFacts;

import java.time.Duration;
import java.time.Instant;

/**
 * Fired by the flow, inside the claim's transaction, each time the policy or a person records a decision on a claim.
 * Observers that measure or shadow it observe it after the transaction commits, so a rolled-back decision is never
 * counted. Carries no personal data: ids, the reason, the outcome and its timing.
 *
 * @param decidedBy     {@code policy:<version>} or the person's name
 * @param facts         the snapshot the policy evaluated; null for a person's decision
 * @param firstDecision the claim's first decision, made at intake (a re-evaluation on new evidence is not)
 * @param evaluation    how long the policy's evaluation took; null for a person's decision
 */
public record ClaimDecided(String claimId, long decisionId, ClaimReason reason, DecisionAction action, Money amount,
                           String decidedBy, ClaimFacts facts, boolean firstDecision, Instant claimCreatedAt,
                           Instant decidedAt, Duration evaluation) {

    public static final String POLICY_PREFIX = "policy:";

    /** Decided by a policy version rather than a person. */
    public boolean byPolicy() {
        return decidedBy.startsWith(POLICY_PREFIX);
    }

    /** The version that decided, for a policy decision; null for a person's. */
    public String policyVersion() {
        return byPolicy() ? decidedBy.substring(POLICY_PREFIX.length()) : null;
    }
}
