package io.claimpilot.decision;

import io.claimpilot.claim.ClaimStatus;

/** What the policy, or an agent, decided to do with a claim. */
public enum DecisionAction {
    REFUND,
    RESHIP,
    /** Ship another variant (each item's {@code exchangeFor}) instead of the claimed one: no refund, no credit note. */
    EXCHANGE,
    REQUEST_EVIDENCE,
    HUMAN_REVIEW,
    DENY;

    /** Actions that move money or goods without a person looking at the claim first. */
    public boolean actsAutomatically() {
        return this == REFUND || this == RESHIP || this == EXCHANGE;
    }

    /** Actions that send goods from the warehouse, whose stock is reserved when they are decided. */
    public boolean shipsGoods() {
        return this == RESHIP || this == EXCHANGE;
    }

    /** Actions that settle a claim: its latest one is the claim's final decision (the indicators count these). */
    public boolean isFinal() {
        return this == REFUND || this == RESHIP || this == EXCHANGE || this == DENY;
    }

    /** The status this decision puts a claim in. */
    public ClaimStatus claimStatus() {
        return switch (this) {
            case REFUND -> ClaimStatus.REFUND_APPROVED;
            case RESHIP -> ClaimStatus.RESHIP_APPROVED;
            case EXCHANGE -> ClaimStatus.EXCHANGE_APPROVED;
            case REQUEST_EVIDENCE -> ClaimStatus.AWAITING_EVIDENCE;
            case HUMAN_REVIEW -> ClaimStatus.IN_REVIEW;
            case DENY -> ClaimStatus.DENIED;
        };
    }
}
