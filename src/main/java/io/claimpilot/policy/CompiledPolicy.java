package io.claimpilot.policy;

import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One policy version, compiled once and shared by every evaluation. A claim is evaluated alone in a session no other
 * thread uses at the same time, so concurrent claims never see each other, and the same facts always give the same
 * verdict. An evaluation is bounded by {@link EvaluationLimits}: a policy that does not come to rest sends the claim to a
 * person instead of holding the thread (and intake's transaction and order lock) for ever.
 */
public final class CompiledPolicy {

    private static final Logger LOG = Logger.getLogger(CompiledPolicy.class);

    /** Idle sessions kept per version: enough for every core, with room for request threads that overlap. */
    private static final int IDLE_SESSIONS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final String version;
    private final List<String> fileNames;
    private final Map<String, List<String>> rulesByFile;
    private final KieBase kieBase;
    private final List<PolicyParameters.Parameter> parameters;
    private final BlockingQueue<ReusedSession> idle = new ArrayBlockingQueue<>(IDLE_SESSIONS);
    private final EvaluationLimits limits;
    /** A version that does not finish is logged once, not once per claim: the verdicts already say it per claim. */
    private final AtomicBoolean unfinishedLogged = new AtomicBoolean();

    CompiledPolicy(String version, List<String> fileNames, Map<String, List<String>> rulesByFile, KieBase kieBase) {
        this(version, fileNames, rulesByFile, kieBase, List.of());
    }

    CompiledPolicy(String version, List<String> fileNames, Map<String, List<String>> rulesByFile, KieBase kieBase,
                   List<PolicyParameters.Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.version = version;
        this.fileNames = List.copyOf(fileNames);
        this.rulesByFile = Map.copyOf(rulesByFile);
        this.kieBase = kieBase;
        this.limits = EvaluationLimits.configured();
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        return evaluate(facts, limits).verdict();
    }

    /** The verdict with its limits' outcome, for the scenarios that must report a policy that does not finish. */
    Evaluation evaluation(ClaimFacts facts) {
        return evaluate(facts, limits);
    }

    /** A verdict, and why the policy did not finish when it hit a limit (null when it came to rest). */
    record Evaluation(PolicyVerdict verdict, String unfinished) {
    }

    Evaluation evaluate(ClaimFacts facts, EvaluationLimits limits) {
        PolicyOutcome outcome = new PolicyOutcome();
        List<String> rulesFired = new ArrayList<>();
        ReusedSession session = idle.poll();
        if (session == null) {
            session = new ReusedSession(kieBase);
        }
        String unfinished;
        try {
            unfinished = session.run(facts, outcome, rulesFired, limits);
        } catch (RuntimeException e) {
            session.dispose(); // a rule failed half-way: its session is not reused
            return new Evaluation(PolicyVerdict.policyFailure(PlainMessages.rootCause(e), rulesFired, version), null);
        } catch (StackOverflowError e) {
            // A rule or function that calls itself without end: the stack unwound, so the thread is fine; the session is not.
            session.dispose();
            unfinished = "a rule or function calls itself without end";
        }
        if (unfinished != null) {
            // Halted or stopped with matches left on its agenda: never reused, whatever state Drools left it in.
            session.dispose();
            String why = unfinished + mostFired(rulesFired);
            if (unfinishedLogged.compareAndSet(false, true)) {
                LOG.errorf("Policy %s did not finish for claim %s: %s. Its claims go to a person; this is logged once"
                        + " per version", version.substring(0, Math.min(12, version.length())), facts.claimId(), why);
            }
            return new Evaluation(PolicyVerdict.unfinished(why, distinct(rulesFired), version), why);
        }
        if (!idle.offer(session)) {
            session.dispose();
        }
        return new Evaluation(PolicyVerdict.resolve(facts, outcome, rulesFired, version), null);
    }

    /** Names the rule that fired most, which is nearly always the one that loops. */
    private static String mostFired(List<String> rulesFired) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rulesFired.forEach(rule -> counts.merge(rule, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(most -> "; rule '" + most.getKey() + "' fired " + most.getValue() + " times").orElse("");
    }

    /** A loop fires the same rules thousands of times: the decision keeps each name once, in the order they first fired. */
    private static List<String> distinct(List<String> rulesFired) {
        return rulesFired.stream().distinct().toList();
    }

    /** The SHA-256 of the version's files. */
    public String version() {
        return version;
    }

    /** The values of its tables' Parameters sheets, as the tables read them. */
    public List<PolicyParameters.Parameter> parameters() {
        return parameters;
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
        /** System.nanoTime() after which the evaluation is halted. */
        private long deadline;
        private boolean timedOut;

        ReusedSession(KieBase kieBase) {
            session = kieBase.newKieSession();
            session.addEventListener(this);
        }

        /** Runs one claim; null when the rules came to rest, otherwise which limit stopped them. */
        String run(ClaimFacts facts, PolicyOutcome outcome, List<String> fired, EvaluationLimits limits) {
            rulesFired = fired;
            timedOut = false;
            // Elapsed time, not the business clock: a monotonic measure that a moved test clock cannot stretch.
            deadline = System.nanoTime() + limits.timeout().toNanos();
            session.setGlobal(PolicyCompiler.OUTCOME_GLOBAL, outcome);
            FactHandle handle = session.insert(facts);
            int firings;
            try {
                // One firing more than allowed tells "came to rest at the limit" from "would go on".
                firings = session.fireAllRules(limits.maxFirings() + 1);
            } finally {
                session.delete(handle);
                session.setGlobal(PolicyCompiler.OUTCOME_GLOBAL, null);
                rulesFired = null;
            }
            if (timedOut) {
                return "it ran longer than the time limit of " + limits.timeout().toMillis() + " ms ("
                        + EvaluationLimits.TIMEOUT + ")";
            }
            if (firings > limits.maxFirings()) {
                return "it fired more than " + limits.maxFirings() + " rules for one claim (" + EvaluationLimits.MAX_FIRINGS + ")";
            }
            return null;
        }

        /**
         * A claim's first firings are never stopped by the clock: the first evaluations of a freshly compiled version
         * build the rule network's memories and load classes, which on a busy machine took longer than 200 ms for the
         * shipped policy, and a policy that decides in a few firings is not looping. A loop passes this count at once.
         */
        static final int FIRINGS_BEFORE_TIME_LIMIT = 10;

        /**
         * The time limit is checked here, on the evaluating thread after each firing, rather than by a watchdog thread:
         * Drools stops a session only between two firings whoever halts it, and this costs one clock read per firing
         * instead of a thread, a registration per claim, and a race between a late halt and the next claim.
         */
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            rulesFired.add(event.getMatch().getRule().getName());
            if (rulesFired.size() > FIRINGS_BEFORE_TIME_LIMIT && System.nanoTime() - deadline > 0) { // again after each late firing, should Drools ignore one halt
                timedOut = true;
                session.halt();
            }
        }

        void dispose() {
            session.dispose();
        }
    }
}
