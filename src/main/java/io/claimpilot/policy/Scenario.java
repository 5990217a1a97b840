package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of an analyst's scenario file: a claim described in a few columns, and the outcome the policy must give.
 * It is turned into the same fact snapshot the service would gather, and evaluated on the candidate version.
 */
public record Scenario(
        String file,
        int line,
        String name,
        String reason,
        BigDecimal amount,
        String currency,
        String fulfillment,
        Map<String, Integer> stock,
        boolean photo,
        int claimsLast30Days,
        BigDecimal refundedLast90Days,
        BigDecimal refundableBalance,
        boolean blocklisted,
        String trackingStatus,
        int daysSinceShipped,
        DecisionAction expectedAction,
        BigDecimal expectedAmount,
        String expectedRule,
        boolean exchange,
        boolean replacementSamePrice,
        boolean replacementInStock) {

    static final Instant CLAIMED_AT = Instant.parse("2026-01-01T09:00:00Z");

    public ClaimFacts facts() {
        List<ClaimFacts.ItemFact> items = stock.entrySet().stream()
                .map(entry -> new ClaimFacts.ItemFact(entry.getKey(), 1, amount, entry.getValue()))
                .toList();
        BigDecimal refundable = refundableBalance != null ? refundableBalance : amount;
        return new ClaimFacts("scenario", "scenario", reason, fulfillment, currency, amount, amount.max(refundable),
                refundable, items, !items.isEmpty() && items.stream().allMatch(ClaimFacts.ItemFact::inStock),
                photo, false, trackingStatus, daysSinceShipped, "scenario-customer",
                claimsLast30Days, claimsLast30Days, BigDecimal.ZERO, refundedLast90Days,
                claimsLast30Days, refundedLast90Days, claimsLast30Days, refundedLast90Days,
                blocklisted, blocklisted ? "listed in the scenario" : null, null, CLAIMED_AT, CLAIMED_AT)
                .withReplacements(exchange ? List.of(replacement()) : List.of());
    }

    /** One exchanged line whose price and stock say what the scenario's exchange columns say. */
    private ClaimFacts.ReplacementFact replacement() {
        BigDecimal claimedPrice = amount;
        BigDecimal price = replacementSamePrice ? claimedPrice : claimedPrice.add(BigDecimal.ONE);
        return new ClaimFacts.ReplacementFact("REPLACEMENT", 1, claimedPrice, price, replacementInStock ? 1 : 0);
    }

    public ScenarioResult run(CompiledPolicy policy) {
        return run(policy, new java.util.ArrayList<>());
    }

    /**
     * Runs the scenario within the policy's evaluation limits; a policy that does not finish adds an error located on
     * this scenario's line to {@code problems}, so the version is refused however the scenario's expectation reads.
     */
    ScenarioResult run(CompiledPolicy policy, List<PolicyProblem> problems) {
        CompiledPolicy.Evaluation evaluation = policy.evaluation(facts());
        if (evaluation.unfinished() != null) {
            problems.add(new PolicyProblem(file, null, null, line, PolicyProblem.Severity.ERROR,
                    "The policy did not finish for scenario '" + name + "': " + evaluation.unfinished()));
        }
        PolicyVerdict verdict = evaluation.verdict();
        BigDecimal actualAmount = verdict.amount() == null ? null : verdict.amount().amount();
        boolean actionMatches = verdict.action() == expectedAction;
        boolean amountMatches = expectedAmount == null
                || actualAmount != null && actualAmount.compareTo(expectedAmount) == 0;
        boolean ruleMatches = expectedRule == null || verdict.rulesFired().contains(expectedRule);
        return new ScenarioResult(file, line, name, expectedAction, verdict.action(),
                expectedAmount == null ? null : expectedAmount.toPlainString(),
                actualAmount == null ? null : actualAmount.toPlainString(),
                expectedRule, verdict.rulesFired(), verdict.reasons(), actionMatches && amountMatches && ruleMatches);
    }
}
