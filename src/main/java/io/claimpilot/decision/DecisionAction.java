package io.claimpilot.decision;

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
}
