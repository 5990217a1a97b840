package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.support.GeneratedFacts;
import io.claimpilot.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy that never comes to rest sends the claim to a person within the evaluation limits, and the session it spun
 * in never serves another claim. The timeouts below only stop the build if the limits are broken; nothing is timed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedEvaluationTest {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    @Test
    void aRuleWhoseModifyRetriggersItselfSendsTheClaimToReviewAtTheFiringLimit() {
        CompiledPolicy policy = LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP);

        CompiledPolicy.Evaluation evaluation = policy.evaluate(claimAbove100(), new EvaluationLimits(50, Duration.ofMinutes(5)));

        PolicyVerdict verdict = evaluation.verdict();
        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons()).singleElement().asString()
                .startsWith("The policy did not finish: it fired more than 50 rules for one claim (claimpilot.policy.max-firings)")
                .contains("rule 'Re-check the claim' fired 51 times");
        assertThat(verdict.rulesFired()).as("each rule once, not the loop's thousand names").containsExactly(LoopingPolicies.LOOPING_RULE);
        assertThat(evaluation.unfinished()).contains("max-firings");
    }

    @Test
    void theDefaultLimitsStopTheLoopToo() {
        PolicyVerdict verdict = LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP).evaluate(claimAbove100());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        // Which limit comes first depends on the machine's speed; either one stops it.
        assertThat(verdict.reasons().get(0)).startsWith(PolicyVerdict.DID_NOT_FINISH);
    }

    @Test
    void aLoopWithNoFiringLimitIsHaltedByTheTimeLimit() {
        CompiledPolicy policy = LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP);

        PolicyVerdict verdict = policy.evaluate(claimAbove100(), new EvaluationLimits(2_000_000_000, Duration.ofMillis(50))).verdict();

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons().get(0))
                .startsWith("The policy did not finish: it ran longer than the time limit of 50 ms (claimpilot.policy.evaluation-timeout)");
    }

    @Test
    void aFunctionThatCallsItselfForEverSendsTheClaimToReview() {
        PolicyVerdict verdict = LoopingPolicies.forced(LoopingPolicies.RECURSION).evaluate(claimAbove100());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons().get(0)).isEqualTo("The policy did not finish: a rule or function calls itself without end");
    }

    @Test
    void aSessionStoppedByALimitNeverDecidesTheNextClaim() {
        CompiledPolicy policy = LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP);
        EvaluationLimits tight = new EvaluationLimits(20, Duration.ofMinutes(5));
        EvaluationLimits slow = new EvaluationLimits(2_000_000_000, Duration.ofMillis(30));
        int loops = 0;
        for (ClaimFacts claim : GeneratedFacts.generate(300, 3)) {
            boolean loopsForEver = claim.claimedAmount().compareTo(HUNDRED) > 0;
            // Every tenth looping claim is halted by the watchdog rather than counted out.
            PolicyVerdict verdict = policy.evaluate(claim, loopsForEver && loops++ % 10 == 0 ? slow : tight).verdict();
            if (loopsForEver) {
                assertThat(verdict.reasons().get(0)).as(claim.claimId()).startsWith(PolicyVerdict.DID_NOT_FINISH);
            } else {
                assertThat(verdict.action()).as(claim.claimId() + " " + verdict.reasons()).isEqualTo(DecisionAction.REFUND);
                assertThat(verdict.rulesFired()).as(claim.claimId()).containsExactly("Refund the small ones");
            }
        }
        assertThat(loops).isGreaterThan(30);
    }

    @Test
    void aVersionThatDoesNotFinishIsLoggedOnceNotPerClaim() {
        List<String> errors;
        try (LogCapture capture = LogCapture.of(CompiledPolicy.class, java.util.logging.Level.SEVERE)) {
            CompiledPolicy policy = LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP);
            for (int i = 0; i < 5; i++) {
                policy.evaluate(claimAbove100());
            }
            LoopingPolicies.compiled(LoopingPolicies.MODIFY_LOOP + "\n// another version\n").evaluate(claimAbove100());
            errors = capture.messages();
        }
        assertThat(errors).hasSize(2);
    }

    @Test
    void aScenarioThatDoesNotFinishIsAnErrorOnItsLineAndTheVersionIsInvalid() {
        String csv = "name,reason,amount,expected_action\n"
                + "Small refund,DAMAGED,20.00,REFUND\n"
                + "Big claim,DAMAGED,250.00,HUMAN_REVIEW\n";
        PolicySource source = new PolicySource(List.of(LoopingPolicies.file("looping.drl", LoopingPolicies.MODIFY_LOOP),
                LoopingPolicies.file(PolicySource.SCENARIOS + "loop.csv", csv)));

        ValidationReport report = new PolicyValidator().validate(source).report();

        assertThat(report.valid()).as("the scenario expects review, and still the version is refused").isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("scenarios/loop.csv");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.severity()).isEqualTo(PolicyProblem.Severity.ERROR);
            assertThat(problem.message()).startsWith("The policy did not finish for scenario 'Big claim': it fired more than 1000 rules")
                    .contains("rule 'Re-check the claim'");
        });
    }

    private static ClaimFacts claimAbove100() {
        return GeneratedFacts.generate(500, 7).stream().filter(c -> c.claimedAmount().compareTo(HUNDRED) > 0).findFirst().orElseThrow();
    }
}
