package io.claimpilot.policy;

import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How {@link CompiledPolicy#evaluate} worked before sessions were reused: a new stateless session per claim, the
 * outcome global and the listener set on it. {@link ReusedSessionTest} checks the service's verdicts against it; the
 * benchmarks (src/bench) measure it as the "before" of docs/benchmarks.md, and a pooled variant of it.
 */
public final class FreshSessionEvaluator {

    private FreshSessionEvaluator() {
    }

    /** A brand-new stateless session of the policy's KieBase for every claim. */
    public static Function<ClaimFacts, PolicyVerdict> of(CompiledPolicy policy) {
        return of(policy, kieBaseOf(policy)::newStatelessKieSession);
    }

    /** A session from {@code sessions} for every claim, with the same listener, outcome global and verdict. */
    public static Function<ClaimFacts, PolicyVerdict> of(CompiledPolicy policy, Supplier<StatelessKieSession> sessions) {
        String version = policy.version();
        return facts -> {
            PolicyOutcome outcome = new PolicyOutcome();
            List<String> rulesFired = new ArrayList<>();
            StatelessKieSession session = sessions.get();
            session.setGlobal(PolicyCompiler.OUTCOME_GLOBAL, outcome);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    rulesFired.add(event.getMatch().getRule().getName());
                }
            });
            try {
                session.execute(facts);
            } catch (RuntimeException e) {
                return PolicyVerdict.policyFailure(PlainMessages.rootCause(e), rulesFired, version);
            }
            return PolicyVerdict.resolve(facts, outcome, rulesFired, version);
        };
    }

    /** The compiled policy's KieBase, for evaluators built around it and benchmarks that watch it being released. */
    public static KieBase kieBaseOf(CompiledPolicy policy) {
        try {
            java.lang.reflect.Field field = CompiledPolicy.class.getDeclaredField("kieBase");
            field.setAccessible(true);
            return (KieBase) field.get(policy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CompiledPolicy no longer keeps its KieBase in a field named kieBase", e);
        }
    }
}
