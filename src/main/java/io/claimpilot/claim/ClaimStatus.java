package io.claimpilot.claim;

import io.claimpilot.decision.DecisionAction;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The claim lifecycle, with every allowed transition listed here and nowhere else. */
public enum ClaimStatus {
    RECEIVED,
    REFUND_APPROVED,
    RESHIP_APPROVED,
    AWAITING_EVIDENCE,
    IN_REVIEW,
    DENIED,
    COMPLETED;

    private static final Set<ClaimStatus> DECIDED = EnumSet.of(REFUND_APPROVED, RESHIP_APPROVED, AWAITING_EVIDENCE, IN_REVIEW, DENIED);

    private static final Map<ClaimStatus, Set<ClaimStatus>> ALLOWED = Map.of(
            RECEIVED, DECIDED,
            // New evidence is evaluated again; a missed deadline sends the claim to a person.
            AWAITING_EVIDENCE, DECIDED,
            IN_REVIEW, EnumSet.of(REFUND_APPROVED, RESHIP_APPROVED, DENIED),
            REFUND_APPROVED, EnumSet.of(COMPLETED),
            RESHIP_APPROVED, EnumSet.of(COMPLETED),
            DENIED, EnumSet.noneOf(ClaimStatus.class),
            COMPLETED, EnumSet.noneOf(ClaimStatus.class));

    public boolean canMoveTo(ClaimStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The status a decision puts a claim in. */
    public static ClaimStatus after(DecisionAction action) {
        return switch (action) {
            case REFUND -> REFUND_APPROVED;
            case RESHIP -> RESHIP_APPROVED;
            case REQUEST_EVIDENCE -> AWAITING_EVIDENCE;
            case HUMAN_REVIEW -> IN_REVIEW;
            case DENY -> DENIED;
        };
    }
}
