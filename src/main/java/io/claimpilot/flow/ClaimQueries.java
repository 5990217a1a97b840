package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimAudit;
import io.claimpilot.claim.Evidence;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.feedback.CustomerSatisfaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/** A claim as the API and the console show it: the claim, its evidence, latest decision, CSAT answer, facts and audit trail. */
@ApplicationScoped
public class ClaimQueries {

    @Inject
    DecisionService decisions;
    @Inject
    CustomerSatisfaction satisfaction;

    /** A shop sees only the claims it sent; agents (caller null) see every claim. */
    @Transactional
    public ClaimView get(String claimId, String caller) {
        return view(Claim.visibleTo(claimId, caller));
    }

    @Transactional
    public List<ClaimView.AuditView> audit(String claimId, String caller) {
        Claim claim = Claim.visibleTo(claimId, caller);
        return ClaimView.audit(ClaimAudit.forClaim(claim.id));
    }

    /**
     * A claim intake has just stored and decided, in intake's transaction, from what intake holds: its evidence and
     * its one decision are not read back, and a new claim has no satisfaction answer yet. Only the audit trail is read,
     * since its rows are written by the lifecycle along the way.
     */
    ClaimView viewOfNew(Claim claim, List<Evidence> evidence, Decision decision) {
        return ClaimView.of(claim, evidence, decision, null, decision.facts, ClaimAudit.forClaim(claim.id));
    }

    /** In the caller's transaction. The facts shown are those the policy last decided on, as they were stored then. */
    ClaimView view(Claim claim) {
        Decision latest = decisions.latestFor(claim.id);
        Decision withFacts = latest != null && latest.facts != null ? latest : decisions.latestPolicyDecisionFor(claim.id);
        return ClaimView.of(claim, Evidence.forClaim(claim.id), latest, satisfaction.of(claim.id).orElse(null),
                withFacts == null ? null : withFacts.facts,
                ClaimAudit.forClaim(claim.id));
    }
}
