package io.claimpilot.feedback;

import io.claimpilot.claim.Claim;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.decision.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Agents' verdicts on automatic decisions: was the policy right or wrong on this claim? A verdict is about the claim's
 * latest decision made by the policy ({@code decided_by} {@code policy:…}), and is kept with the rule that decided,
 * the last rule the decision fired, so the KPIs can count wrong decisions per rule.
 */
@ApplicationScoped
public class DecisionVerdicts {

    public static final int MAX_NOTE = 4000;
    /** The width of decision_feedback.rule. */
    private static final int MAX_RULE = 500;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** The body of {@code POST /api/claims/{id}/feedback}. */
    public record Request(String verdict, String note) {
    }

    public record FeedbackView(long decisionId, String claimId, String rule, Verdict verdict, String note, String givenBy,
                               Instant givenAt) {
        static FeedbackView of(DecisionFeedback row) {
            return new FeedbackView(row.decisionId, row.claimId, row.rule, row.verdict, row.note, row.givenBy, row.givenAt);
        }
    }

    /** The verdict now on record, and whether it is the decision's first ({@code false}: it replaced an earlier one). */
    public record Recorded(FeedbackView feedback, boolean created) {
    }

    /**
     * Records a verdict on the claim's latest automatic decision: 400 naming {@code verdict} or {@code note}, 404 for an
     * unknown claim, 409 when no policy decided the claim. Nothing is stored on any of them.
     */
    @Transactional
    public Recorded give(String claimId, String user, Request request) {
        Verdict verdict = verdict(request == null ? null : request.verdict());
        String note = request == null ? null : request.note();
        if (note != null && note.length() > MAX_NOTE) {
            throw ApiProblem.invalidField("note", "is longer than " + MAX_NOTE + " characters");
        }
        Claim claim = Claim.require(claimId);
        Decision decision = latestAutomatic(claimId).orElseThrow(() -> ApiProblem.conflict("Claim " + claimId
                + " has no automatic decision to judge: no policy decided it"));
        // Notes about an erased customer's case are not kept (the erasure blanked the earlier ones).
        String kept = claim.erasedAt != null || note == null || note.isBlank() ? null : note.strip();
        boolean inserted = (Boolean) em.createNativeQuery("insert into decision_feedback (decision_id, claim_id, rule,"
                        + " verdict, note, given_by, given_at) values (:decision, :claim, :rule, :verdict, :note, :user, :now)"
                        + " on conflict (decision_id) do update set verdict = excluded.verdict, note = excluded.note,"
                        + " given_by = excluded.given_by, given_at = excluded.given_at returning (xmax = 0)")
                .setParameter("decision", decision.id)
                .setParameter("claim", claimId)
                .setParameter("rule", decidingRule(decision.rulesFired))
                .setParameter("verdict", verdict.name())
                .setParameter("note", kept)
                .setParameter("user", user)
                .setParameter("now", clock.instant())
                .getSingleResult();
        DecisionFeedback row = DecisionFeedback.findById(decision.id);
        em.refresh(row);
        return new Recorded(FeedbackView.of(row), inserted);
    }

    /** The verdict on the claim's latest automatic decision, if an agent gave one. */
    @Transactional
    public Optional<FeedbackView> forLatestAutomaticDecision(String claimId) {
        return latestAutomatic(claimId).map(d -> DecisionFeedback.<DecisionFeedback>findById(d.id)).map(FeedbackView::of);
    }

    /** The claim's latest decision by the policy, counted the way the KPIs count automated decisions. */
    public Optional<Decision> latestAutomatic(String claimId) {
        return Decision.<Decision>find("claimId = ?1 and decidedBy like 'policy:%' order by id desc", claimId).firstResultOptional();
    }

    /** The rule that decided is the last rule fired (the same count as the KPIs'); none when no rule fired. */
    static String decidingRule(List<String> rulesFired) {
        if (rulesFired == null || rulesFired.isEmpty()) {
            return null;
        }
        String rule = rulesFired.get(rulesFired.size() - 1);
        return rule.length() <= MAX_RULE ? rule : rule.substring(0, MAX_RULE);
    }

    private static Verdict verdict(String verdict) {
        if (verdict == null || verdict.isBlank()) {
            throw ApiProblem.invalidField("verdict", "is required: RIGHT or WRONG");
        }
        try {
            return Verdict.valueOf(verdict.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("verdict", "must be RIGHT or WRONG");
        }
    }
}
