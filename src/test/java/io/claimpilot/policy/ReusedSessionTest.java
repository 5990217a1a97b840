package io.claimpilot.policy;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.support.GeneratedFacts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CompiledPolicy#evaluate} reuses its sessions: a claim must never see what the claim before it left behind,
 * whether that claim decided, failed half-way, or ran at the same time on another thread. Every verdict is compared
 * with a brand-new stateless session's.
 */
class ReusedSessionTest {

    @Test
    void aClaimDecidesAsInAFreshSessionWhateverCameBefore() {
        CompiledPolicy policy = new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("rules")));
        Function<ClaimFacts, PolicyVerdict> fresh = FreshSessionEvaluator.of(policy);
        List<ClaimFacts> claims = GeneratedFacts.generate(3_000, 5);
        for (ClaimFacts claim : claims) {
            assertThat(policy.evaluate(claim)).as(claim.claimId()).isEqualTo(fresh.apply(claim));
        }
        // The same claim twice in a row decides the same way: its first evaluation left nothing in the session.
        for (ClaimFacts claim : claims.subList(0, 200)) {
            assertThat(policy.evaluate(claim)).isEqualTo(policy.evaluate(claim));
        }
    }

    @Test
    void aRuleThatFailsDoesNotSpoilTheNextClaim() {
        String drl = """
                package io.claimpilot.rules.failing
                import io.claimpilot.facts.ClaimFacts
                import io.claimpilot.decision.DecisionAction
                global io.claimpilot.decision.PolicyOutcome outcome

                rule "Refund everything"
                when
                    ClaimFacts()
                then
                    outcome.decide(DecisionAction.REFUND);
                end

                rule "Fails above 100"
                    salience 10
                when
                    ClaimFacts( claimedAmount > 100 )
                then
                    outcome.escalate("about to fail");
                    outcome.setDeadlineHours(1); // fails on purpose: a deadline before any decision (no throw: see PolicySandbox)
                end
                """;
        CompiledPolicy policy = new PolicyCompiler().compile(new PolicySource(List.of(
                new PolicyFile("failing.drl", drl.getBytes(StandardCharsets.UTF_8)))));
        Function<ClaimFacts, PolicyVerdict> fresh = FreshSessionEvaluator.of(policy);
        int failures = 0;
        for (ClaimFacts claim : GeneratedFacts.generate(400, 9)) {
            PolicyVerdict verdict = policy.evaluate(claim);
            assertThat(verdict).as(claim.claimId()).isEqualTo(fresh.apply(claim));
            if (claim.claimedAmount().compareTo(new BigDecimal("100")) > 0) {
                failures++;
                assertThat(verdict.rulesFired()).as("the failing rule fires first").isEmpty();
            } else {
                assertThat(verdict.rulesFired()).containsExactly("Refund everything");
            }
        }
        assertThat(failures).isGreaterThan(100);
    }

    @Test
    void claimsOnSeveralThreadsAtOnceDecideAsAlone() throws Exception {
        CompiledPolicy policy = new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("rules")));
        Function<ClaimFacts, PolicyVerdict> fresh = FreshSessionEvaluator.of(policy);
        List<ClaimFacts> claims = GeneratedFacts.generate(2_000, 13);
        List<PolicyVerdict> expected = claims.stream().map(fresh).toList();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<String>>> differences = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t * 331;
                differences.add(threads.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < claims.size(); i++) {
                        int n = (i + offset) % claims.size();
                        PolicyVerdict verdict = policy.evaluate(claims.get(n));
                        if (!verdict.equals(expected.get(n))) {
                            wrong.add(claims.get(n).claimId() + ": " + verdict);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> thread : differences) {
                assertThat(thread.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
