package io.claimpilot.decision;

import io.claimpilot.claim.Claim;
import io.claimpilot.common.Money;
import io.claimpilot.facts.ClaimFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/** Records decisions, with their explanation, for the claim package and the review queue. */
@ApplicationScoped
public class DecisionService {

    @Inject
    Clock clock;

    /** A policy's decision, with the pilot cohort it was made in (null when no pilot ran). */
    public Decision recordPolicyVerdict(String claimId, PolicyVerdict verdict, ClaimFacts facts, Cohort cohort) {
        Decision decision = new Decision();
        decision.cohort = cohort;
        decision.claimId = claimId;
        decision.action = verdict.action();
        if (verdict.amount() != null) {
            decision.amount = verdict.amount().amount();
            decision.currency = verdict.amount().currency();
        }
        decision.deadline = verdict.deadline();
        decision.messageKey = verdict.messageKey();
        decision.reasons = verdict.reasons();
        decision.rulesFired = verdict.rulesFired();
        decision.policyVersion = verdict.policyVersion();
        decision.decidedBy = "policy:" + verdict.policyVersion();
        decision.facts = facts;
        if (verdict.overruled() != null) {
            decision.overruledAction = verdict.overruled().action();
            if (verdict.overruled().amount() != null) {
                decision.overruledAmount = verdict.overruled().amount().amount();
                decision.overruledCurrency = verdict.overruled().amount().currency();
            }
        }
        decision.decidedAt = clock.instant();
        decision.persist();
        Claim claim = Claim.findById(claimId);
        if (claim.policyVersion == null && cohort != null) {
            claim.cohort = cohort.name();
        }
        if (verdict.action() == DecisionAction.HUMAN_REVIEW && (facts != null && facts.blocklisted()
                || verdict.rulesFired().stream().anyMatch(rule -> rule.startsWith(PolicyVerdict.GUARD_RAIL_PREFIX)))) {
            claim.fraudHold = true;
        }
        recordOutcome(claim, decision);
        return decision;
    }

    /** A decision made outside the policy: by an agent, or by a job such as the evidence deadline. */
    public Decision recordDecision(String claimId, DecisionAction action, Money amount, String decidedBy,
                                   List<String> reasons, String note) {
        Decision decision = new Decision();
        decision.claimId = claimId;
        decision.action = action;
        if (amount != null) {
            decision.amount = amount.amount();
            decision.currency = amount.currency();
        }
        decision.reasons = reasons;
        decision.rulesFired = List.of();
        decision.decidedBy = decidedBy;
        decision.note = note;
        decision.decidedAt = clock.instant();
        decision.persist();
        Claim claim = Claim.findById(claimId);
        if (Decision.EVIDENCE_DEADLINE.equals(decidedBy)) {
            claim.evidenceExpired = true;
        }
        recordOutcome(claim, decision);
        return decision;
    }

    /** Keeps the claim's final decision on the claim (in the same UPDATE that moves it), for the indicators. */
    private static void recordOutcome(Claim claim, Decision decision) {
        if (!decision.action.isFinal()) {
            return;
        }
        claim.finalAction = decision.action.name();
        claim.finalAmount = decision.amount;
        claim.finalCurrency = decision.currency;
        claim.finalByPolicy = decision.policyVersion != null;
        claim.finalRule = decision.rulesFired.isEmpty() ? null : decision.rulesFired.get(decision.rulesFired.size() - 1);
        claim.finalDecidedAt = decision.decidedAt;
    }

    public Decision latestFor(String claimId) {
        return Decision.latestFor(claimId);
    }

    /** The latest decision the policy made, with the facts snapshot it saw. */
    public Decision latestPolicyDecisionFor(String claimId) {
        return Decision.find("claimId = ?1 and policyVersion is not null order by id desc", claimId).firstResult();
    }
}
