package io.claimpilot.policy;

import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One policy version, compiled once and shared by every evaluation. Evaluation is a stateless session per claim,
 * so concurrent claims never see each other, and the same facts always give the same verdict.
 */
public final class CompiledPolicy {

    private final String version;
    private final List<String> fileNames;
    private final Map<String, List<String>> rulesByFile;
    private final KieBase kieBase;

    CompiledPolicy(String version, List<String> fileNames, Map<String, List<String>> rulesByFile, KieBase kieBase) {
        this.version = version;
        this.fileNames = List.copyOf(fileNames);
        this.rulesByFile = Map.copyOf(rulesByFile);
        this.kieBase = kieBase;
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        PolicyOutcome outcome = new PolicyOutcome();
        List<String> rulesFired = new ArrayList<>();
        StatelessKieSession session = kieBase.newStatelessKieSession();
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
    }

    /** The SHA-256 of the version's files. */
    public String version() {
        return version;
    }

    public List<String> fileNames() {
        return fileNames;
    }

    public Map<String, List<String>> rulesByFile() {
        return rulesByFile;
    }

    public List<String> ruleNames() {
        return rulesByFile.values().stream().flatMap(Collection::stream).sorted().toList();
    }
}
