package io.claimpilot.bench;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.FreshSessionEvaluator;
import io.claimpilot.policy.PolicyBenchSupport;
import io.claimpilot.policy.PolicyCompiler;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.support.GeneratedFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Claims evaluated per second (one operation = one claim: a stateless session, the rules, the verdict) on one and
 * on two threads, for the shipped policy and a generated 1,000-row table, built classic (KnowledgeBuilder, as the
 * service does) and as a Drools executable model, beside the hand-written {@link PlainJavaPolicy}. The "-pooled"
 * variants take the classic build's sessions from a KieSessionsPool: a candidate improvement, not what the service does.
 * Twelve seconds of warm-up: the 1,000-row classic build only levels off after about ten.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EvaluationBenchmark {

    private static final int FACTS = 4096;

    @Param({"shipped-classic", "shipped-classic-pooled", "shipped-executable-model", "shipped-plain-java",
            "rows1000-classic", "rows1000-classic-pooled", "rows1000-executable-model"})
    // Also available: "shipped-classic-stateless" and "rows1000-classic-stateless", the service's evaluation before
    // sessions were reused (a new stateless session per claim), and "shipped-classic-bigdecimal" and
    // "rows1000-classic-bigdecimal", the classic build up to run 4 (tables' amount conditions compared as BigDecimal).
    public String policy;

    private Function<ClaimFacts, PolicyVerdict> evaluator;
    private ClaimFacts[] facts;

    @Setup(Level.Trial)
    public void setUp() {
        BenchLogging.likeTheService();
        boolean thousandRows = policy.startsWith("rows1000");
        PolicySource source = thousandRows ? BenchPolicies.thousandRows() : BenchPolicies.shipped();
        List<ClaimFacts> generated = thousandRows
                ? GeneratedFacts.generate(FACTS, BenchPolicies.TABLE_REASONS, false, 42) // every claim matches one row
                : GeneratedFacts.generate(FACTS, 42);
        facts = generated.toArray(ClaimFacts[]::new);
        CompiledPolicy classic = new PolicyCompiler().compile(source);
        // The reference: a new stateless session per claim, as Drools intends it and as the service did before.
        Function<ClaimFacts, PolicyVerdict> reference = FreshSessionEvaluator.of(classic);
        if (policy.endsWith("classic")) {
            evaluator = classic::evaluate;
        } else if (policy.endsWith("classic-bigdecimal")) {
            evaluator = PolicyBenchSupport.compileWithBigDecimalAmounts(source)::evaluate;
        } else if (policy.endsWith("classic-stateless")) {
            evaluator = reference;
        } else if (policy.endsWith("classic-pooled")) {
            evaluator = PolicyBenchSupport.pooledEvaluator(classic, 2);
        } else if (policy.endsWith("executable-model")) {
            evaluator = PolicyBenchSupport.compileExecutableModel(source)::evaluate;
        } else {
            evaluator = new PlainJavaPolicy(classic.version())::evaluate;
        }
        // What is measured must decide like a fresh stateless session on the classic build, and for the
        // 1,000-row table, one table row (at most one guard rail besides) for every claim.
        for (ClaimFacts claim : facts) {
            PolicyVerdict verdict = evaluator.apply(claim);
            if (!verdict.equals(reference.apply(claim))) {
                throw new IllegalStateException(policy + " decides " + claim.claimId() + " differently: " + verdict);
            }
            if (thousandRows && verdict.rulesFired().stream().noneMatch(rule -> rule.startsWith("Row "))) {
                throw new IllegalStateException("No table row matches " + claim);
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @Threads(1)
    public PolicyVerdict oneThread(Cursor cursor) {
        return evaluator.apply(facts[cursor.next++ & (FACTS - 1)]);
    }

    @Benchmark
    @Threads(2)
    public PolicyVerdict twoThreads(Cursor cursor) {
        return evaluator.apply(facts[cursor.next++ & (FACTS - 1)]);
    }
}
