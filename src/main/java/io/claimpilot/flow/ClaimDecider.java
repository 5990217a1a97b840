package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.facts.FactsAssembler;
import io.claimpilot.limits.MoneySafety;
import io.claimpilot.policy.PolicyRollouts;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stages 2 to 5 of the flow, in the caller's transaction and under the order's lock: gather the facts, evaluate them
 * with a policy version, hold back a claim whose order facts disagree with the pinned ones, apply the money-safety
 * limits (both can only make the verdict stricter), record the
 * decision with its facts snapshot, move the claim, and queue what the decision calls for.
 */
@ApplicationScoped
public class ClaimDecider {

    private static final Logger LOG = Logger.getLogger(ClaimDecider.class);

    @Inject
    FactsAssembler facts;
    @Inject
    MoneySafety moneySafety;
    @Inject
    OrderRecords orders;
    @Inject
    DecisionService decisions;
    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    ActionPlan actions;
    @Inject
    Event<ClaimEscalated> escalated;
    @Inject
    Event<ClaimDecided> decided;
    @Inject
    ShipmentStock shipmentStock;

    /**
     * Decides with the route's version and records its pilot cohort. A claim of a pilot's control group that a person
     * decides (control HUMAN_REVIEW) is still evaluated, so the agent sees what the active version would have done.
     */
    Decision decide(Claim claim, PolicyRollouts.Route route) {
        return decide(claim, route, Evidence.forClaim(claim.id));
    }

    /** The same, with the claim's evidence as the caller has it (intake just stored it: no need to read it back). */
    Decision decide(Claim claim, PolicyRollouts.Route route, List<Evidence> evidence) {
        ClaimFacts snapshot = facts.assemble(claim, evidence);
        // Evaluated under the order's lock and in intake's transaction, on purpose: the refundable balance in the snapshot
        // must still hold when the decision is recorded, and no other claim on the order may refund in between. What
        // bounds the hold is the evaluation limits (policy/EvaluationLimits): a policy that does not finish within
        // claimpilot.policy.evaluation-timeout or claimpilot.policy.max-firings stops, and the claim goes to a person.
        long evaluationStarted = System.nanoTime();
        PolicyVerdict proposed = route.policy().evaluate(snapshot);
        Duration evaluation = Duration.ofNanos(System.nanoTime() - evaluationStarted);
        // A claim whose order facts differ from the pinned ones is not decided automatically, whatever the policy says.
        // The kill switch and the money limits apply to both sides of a pilot.
        PolicyVerdict allowed = orders.disagreement(claim).map(proposed::heldForReview)
                .or(() -> Optional.ofNullable(route.heldForPerson()).map(proposed::heldForReview))
                .or(() -> moneySafety.overrule(proposed, snapshot.refundableBalance()).map(proposed::overruled))
                .orElse(proposed);
        // The goods a shipment sends are taken now, under the stock rows' locks: a unit another claim took since the
        // facts were read sends this claim to a person instead of promising what the warehouse no longer has.
        StockSource.Reservation stock = allowed.action().shipsGoods()
                ? shipmentStock.reserve(claim, allowed.action()) : StockSource.Reservation.notTracked();
        PolicyVerdict verdict = stock.failed()
                ? allowed.heldForReview(ShipmentStock.shortage(stock, allowed.action())) : allowed;
        // A claim's first decision is the one made at intake: no version has decided it yet.
        boolean firstDecision = claim.policyVersion == null;
        Decision decision = decisions.recordPolicyVerdict(claim.id, verdict, snapshot, route.cohort());
        claim.policyVersion = verdict.policyVersion();
        claim.evidenceDeadline = verdict.deadline();
        String actor = "policy:" + verdict.policyVersion();
        String why = verdict.reasons().isEmpty() ? "Decided by the policy" : String.join("; ", verdict.reasons());
        lifecycle.move(claim, verdict.action().claimStatus(), actor, why);
        actions.queue(claim, decision, verdict.amount(), true, firstDecision, stock);
        decided.fire(new ClaimDecided(claim.id, decision.id, claim.reason, decision.action, decision.money(),
                decision.decidedBy, snapshot, firstDecision, claim.createdAt, decision.decidedAt, evaluation));
        // After the decision, so that outbound events say "decided" before "escalated", in the order things happened.
        if (verdict.action() == DecisionAction.HUMAN_REVIEW) {
            escalated.fire(new ClaimEscalated(claim.id, why));
        }
        // Never log personal data: ids, reason, money and the outcome are enough to follow a claim.
        LOG.infof("Claim %s (%s, %s) decided %s by policy %s%s", claim.id, claim.reason, claim.claimedAmount(),
                verdict.action(), verdict.policyVersion().substring(0, 12),
                route.cohort() == null ? "" : " (pilot cohort " + route.cohort() + ")");
        return decision;
    }
}
