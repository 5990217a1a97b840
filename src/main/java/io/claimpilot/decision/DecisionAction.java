package io.claimpilot.decision;

import io.claimpilot.claim.ClaimStatus;

/** What the policy, or an agent, decided to do with a claim. */
public enum DecisionAction {
    REFUND,
    RESHIP,
    REQUEST_EVIDENCE,
    HUMAN_REVIEW,
    DENY;

    /** Actions that move money or goods without a person looking at the claim first. */
    public boolean actsAutomatically() {
        return this == REFUND || this == RESHIP;
    }

    /** Actions that settle a claim: its latest one is the claim's final decision (the indicators count these). */
    public boolean isFinal() {
        return this == REFUND || this == RESHIP || this == DENY;
    }

    /** The status this decision puts a claim in. */
    public ClaimStatus claimStatus() {
        return switch (this) {
            case REFUND -> ClaimStatus.REFUND_APPROVED;
            case RESHIP -> ClaimStatus.RESHIP_APPROVED;
            case REQUEST_EVIDENCE -> ClaimStatus.AWAITING_EVIDENCE;
            case HUMAN_REVIEW -> ClaimStatus.IN_REVIEW;
            case DENY -> ClaimStatus.DENIED;
        };
    }
}
