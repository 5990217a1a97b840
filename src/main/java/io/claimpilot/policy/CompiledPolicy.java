package io.claimpilot.policy;

import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One policy version, compiled once and shared by every evaluation. A claim is evaluated alone in a session no other
 * thread uses at the same time, so concurrent claims never see each other, and the same facts always give the same
 * verdict.
 */
public final class CompiledPolicy {

    /** Idle sessions kept per version: enough for every core, with room for request threads that overlap. */
    private static final int IDLE_SESSIONS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final String version;
    private final List<String> fileNames;
    private final Map<String, List<String>> rulesByFile;
    private final KieBase kieBase;
    private final BlockingQueue<ReusedSession> idle = new ArrayBlockingQueue<>(IDLE_SESSIONS);

    CompiledPolicy(String version, List<String> fileNames, Map<String, List<String>> rulesByFile, KieBase kieBase) {
        this.version = version;
        this.fileNames = List.copyOf(fileNames);
        this.rulesByFile = Map.copyOf(rulesByFile);
        this.kieBase = kieBase;
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        PolicyOutcome outcome = new PolicyOutcome();
        List<String> rulesFired = new ArrayList<>();
        ReusedSession session = idle.poll();
        if (session == null) {
            session = new ReusedSession(kieBase);
        }
        try {
            session.run(facts, outcome, rulesFired);
        } catch (RuntimeException e) {
            session.dispose(); // a rule failed half-way: its session is not reused
            return PolicyVerdict.policyFailure(PlainMessages.rootCause(e), rulesFired, version);
        }
        if (!idle.offer(session)) {
            session.dispose();
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

    /**
     * A session that evaluates one claim at a time and is left empty afterwards: the claim is inserted, the rules fire,
     * and the claim is deleted again. Why not a new stateless session per claim: with a large table, creating the
     * session and the memories of the rows a claim reaches costs more than the rules themselves (docs/benchmarks.md).
     * Deleting the only fact takes back every match it made, so the next claim starts from the same empty state.
     */
    private static final class ReusedSession extends DefaultAgendaEventListener {

        private final KieSession session;
        private List<String> rulesFired;

        ReusedSession(KieBase kieBase) {
            session = kieBase.newKieSession();
            session.addEventListener(this);
        }

        void run(ClaimFacts facts, PolicyOutcome outcome, List<String> fired) {
            rulesFired = fired;
            session.setGlobal(PolicyCompiler.OUTCOME_GLOBAL, outcome);
            FactHandle handle = session.insert(facts);
            try {
                session.fireAllRules();
            } finally {
                session.delete(handle);
                session.setGlobal(PolicyCompiler.OUTCOME_GLOBAL, null);
                rulesFired = null;
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            rulesFired.add(event.getMatch().getRule().getName());
        }

        void dispose() {
            session.dispose();
        }
    }
}
