package io.claimpilot.policy;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Policies that never come to rest, as an analyst could write them by mistake. {@code ClaimFacts} is an immutable
 * record, so a {@code modify} cannot change it; a modify block that only calls an accessor still tells Drools the claim
 * changed, and re-triggers every rule matching it (checked in Drools 10: an empty block does not, it modifies nothing).
 */
final class LoopingPolicies {

    static final String LOOPING_RULE = "Re-check the claim";
    static final String MODIFY_LOOP = """
            package io.claimpilot.rules.looping
            import io.claimpilot.facts.ClaimFacts
            import io.claimpilot.decision.DecisionAction
            global io.claimpilot.decision.PolicyOutcome outcome

            rule "Re-check the claim"
            when
                $claim : ClaimFacts( claimedAmount > 100 )
            then
                outcome.escalate("checked again");
                modify($claim) { claimedAmount() }
            end

            rule "Refund the small ones"
            when
                ClaimFacts( claimedAmount <= 100 )
            then
                outcome.decide(DecisionAction.REFUND);
            end
            """;

    static final String RECURSION = """
            package io.claimpilot.rules.recursion
            import io.claimpilot.facts.ClaimFacts
            global io.claimpilot.decision.PolicyOutcome outcome

            function int depth(int n) {
                return depth(n + 1);
            }

            rule "Goes down for ever"
            when
                ClaimFacts()
            then
                outcome.escalate("depth " + depth(0));
            end
            """;

    private LoopingPolicies() {
    }

    static PolicyFile file(String name, String drl) {
        return new PolicyFile(name, drl.getBytes(StandardCharsets.UTF_8));
    }

    /** Compiled without validation, as if it had slipped past it: what the engine must survive. */
    static CompiledPolicy compiled(String drl) {
        return new PolicyCompiler().compile(new PolicySource(List.of(file("looping.drl", drl))));
    }

    /** Forced past both checks of rule code, which refuse recursion: what the engine must survive all the same. */
    static CompiledPolicy forced(String drl) {
        return PolicyCompiler.withoutCodeChecks().compile(new PolicySource(List.of(file("looping.drl", drl))));
    }
}
