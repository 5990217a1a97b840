package io.claimpilot.claim;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The claim lifecycle, with every allowed transition listed here and nowhere else. Anything not listed is refused
 * with 409, whether an API call or a job asks for it.
 *
 * <pre>
 * RECEIVED ─► REFUND_APPROVED | RESHIP_APPROVED | EXCHANGE_APPROVED | AWAITING_EVIDENCE | IN_REVIEW | DENIED | CANCELLED
 * AWAITING_EVIDENCE ─► (evaluated again, as RECEIVED) | CANCELLED
 * IN_REVIEW ─► REFUND_APPROVED | RESHIP_APPROVED | EXCHANGE_APPROVED | DENIED | AWAITING_EVIDENCE (an agent asks for it) | CANCELLED
 * REFUND_APPROVED, RESHIP_APPROVED, EXCHANGE_APPROVED ─► EXECUTING ─► COMPLETED | FAILED ─► EXECUTING (retry) | IN_REVIEW
 * DENIED, COMPLETED, CANCELLED: final
 * </pre>
 */
public enum ClaimStatus {
    RECEIVED,
    REFUND_APPROVED,
    RESHIP_APPROVED,
    EXCHANGE_APPROVED,
    AWAITING_EVIDENCE,
    IN_REVIEW,
    DENIED,
    EXECUTING,
    COMPLETED,
    FAILED,
    CANCELLED;

    private static final Set<ClaimStatus> DECIDED = EnumSet.of(REFUND_APPROVED, RESHIP_APPROVED, EXCHANGE_APPROVED, AWAITING_EVIDENCE, IN_REVIEW, DENIED);

    private static final Map<ClaimStatus, Set<ClaimStatus>> ALLOWED = Map.ofEntries(
            Map.entry(RECEIVED, union(DECIDED, CANCELLED)),
            // New evidence is evaluated again; a missed deadline sends the claim to a person.
            Map.entry(AWAITING_EVIDENCE, union(DECIDED, CANCELLED)),
            Map.entry(IN_REVIEW, EnumSet.of(REFUND_APPROVED, RESHIP_APPROVED, EXCHANGE_APPROVED, DENIED, AWAITING_EVIDENCE, CANCELLED)),
            Map.entry(REFUND_APPROVED, EnumSet.of(EXECUTING)),
            Map.entry(RESHIP_APPROVED, EnumSet.of(EXECUTING)),
            Map.entry(EXCHANGE_APPROVED, EnumSet.of(EXECUTING)),
            Map.entry(EXECUTING, EnumSet.of(COMPLETED, FAILED)),
            Map.entry(FAILED, EnumSet.of(EXECUTING, IN_REVIEW)),
            Map.entry(DENIED, EnumSet.noneOf(ClaimStatus.class)),
            Map.entry(COMPLETED, EnumSet.noneOf(ClaimStatus.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(ClaimStatus.class)));

    public boolean canMoveTo(ClaimStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public Set<ClaimStatus> next() {
        return Set.copyOf(ALLOWED.get(this));
    }

    private static Set<ClaimStatus> union(Set<ClaimStatus> statuses, ClaimStatus extra) {
        Set<ClaimStatus> all = EnumSet.copyOf(statuses);
        all.add(extra);
        return all;
    }
}
