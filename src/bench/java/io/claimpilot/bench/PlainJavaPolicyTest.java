package io.claimpilot.bench;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyBenchSupport;
import io.claimpilot.policy.PolicyCompiler;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.Scenario;
import io.claimpilot.support.GeneratedFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written policy the benchmarks compare with gives exactly the shipped rules' verdicts. */
class PlainJavaPolicyTest {

    private static PolicySource shipped;
    private static CompiledPolicy drools;
    private static PlainJavaPolicy plain;

    @BeforeAll
    static void compile() {
        shipped = BenchPolicies.shipped();
        drools = new PolicyCompiler().compile(shipped);
        plain = new PlainJavaPolicy(drools.version());
    }

    @Test
    void agreesWithTheRulesOnEveryShippedScenario() {
        List<Scenario> scenarios = PolicyBenchSupport.scenarios(shipped);
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(15);
        for (Scenario scenario : scenarios) {
            assertThat(plain.evaluate(scenario.facts())).as(scenario.name()).isEqualTo(drools.evaluate(scenario.facts()));
        }
    }

    @Test
    void agreesWithTheRulesOnTenThousandGeneratedClaims() {
        Map<String, Integer> firedCounts = new TreeMap<>();
        for (ClaimFacts facts : GeneratedFacts.generate(10_000, 7)) {
            PolicyVerdict expected = drools.evaluate(facts);
            assertThat(plain.evaluate(facts)).as(facts.toString()).isEqualTo(expected);
            expected.rulesFired().forEach(rule -> firedCounts.merge(rule, 1, Integer::sum));
        }
        // The generated claims reach every rule, guard rails included, so every branch above is compared.
        assertThat(firedCounts).hasSize(16);
    }

    @Test
    @Tag("benchmark")
    void theExecutableModelGivesTheSameVerdictsAsTheClassicBuild() {
        CompiledPolicy executable = PolicyBenchSupport.compileExecutableModel(shipped);
        List<String> differences = new ArrayList<>();
        for (ClaimFacts facts : GeneratedFacts.generate(5_000, 11)) {
            PolicyVerdict actual = executable.evaluate(facts);
            PolicyVerdict expected = drools.evaluate(facts);
            if (!actual.equals(expected)) {
                differences.add(facts.claimId() + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(differences).isEmpty();
    }
}
