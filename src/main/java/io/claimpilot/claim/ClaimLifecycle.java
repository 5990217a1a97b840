package io.claimpilot.claim;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;

/** The only way a claim changes status: checks the transition and writes the audit row in the same transaction. */
@ApplicationScoped
public class ClaimLifecycle {

    @Inject
    Clock clock;
    @Inject
    Event<ClaimMoved> moved;

    /** Stores a new claim in RECEIVED, with its first audit row. */
    public void receive(Claim claim, String actor) {
        claim.status = ClaimStatus.RECEIVED;
        claim.persist();
        audit(claim, null, ClaimStatus.RECEIVED, actor, "Claim received");
    }

    public void move(Claim claim, ClaimStatus to, String actor, String reason) {
        ClaimStatus from = claim.status;
        if (!from.canMoveTo(to)) {
            throw ApiProblem.conflict("A claim in " + from + " cannot move to " + to);
        }
        claim.status = to;
        claim.updatedAt = clock.instant();
        if (to == ClaimStatus.IN_REVIEW) {
            claim.escalated = true;
        }
        audit(claim, from, to, actor, reason);
        moved.fire(new ClaimMoved(claim.id, from, to, actor));
    }

    /** Something that happened to a claim without changing its status (evidence added): an audit row from = to. */
    public void record(Claim claim, String actor, String what) {
        audit(claim, claim.status, claim.status, actor, what);
    }

    private void audit(Claim claim, ClaimStatus from, ClaimStatus to, String actor, String reason) {
        ClaimAudit row = new ClaimAudit();
        row.claimId = claim.id;
        row.fromStatus = from;
        row.toStatus = to;
        row.actor = actor;
        row.reason = reason;
        row.at = clock.instant();
        row.persist();
    }
}
