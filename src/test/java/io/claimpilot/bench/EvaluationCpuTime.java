package io.claimpilot.bench;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyBenchSupport;
import io.claimpilot.policy.PolicyCompiler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Function;

/**
 * One-thread evaluation of the 1,000-row table measured in CPU time as well as wall time, so a change can be compared
 * while other builds share the two cores: claims per CPU-second of the evaluating thread is what one thread does with
 * a core of its own. Not a replacement for {@link EvaluationBenchmark}, which gives the reported numbers.
 * Run: {@code java -cp <test class path> io.claimpilot.bench.EvaluationCpuTime [rows1000|shipped] [service|stateless] [seconds]}.
 */
public final class EvaluationCpuTime {

    private EvaluationCpuTime() {
    }

    public static void main(String[] args) {
        BenchLogging.likeTheService();
        boolean thousandRows = args.length < 1 || args[0].equals("rows1000");
        boolean stateless = args.length > 1 && args[1].equals("stateless");
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<ClaimFacts> facts = thousandRows ? BenchFacts.generate(4096, BenchPolicies.TABLE_REASONS, false, 42)
                : BenchFacts.generate(4096, 42);
        CompiledPolicy policy = new PolicyCompiler().compile(thousandRows ? BenchPolicies.thousandRows() : BenchPolicies.shipped());
        Function<ClaimFacts, PolicyVerdict> evaluator = stateless ? PolicyBenchSupport.statelessEvaluator(policy) : policy::evaluate;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 8; round++) {
            long wallStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long claims = 0;
            while (System.nanoTime() - wallStart < seconds * 1_000_000_000L) {
                for (int i = 0; i < 256; i++) {
                    evaluator.apply(facts.get((int) (claims++ & 4095)));
                }
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %,.0f claims/s wall, %,.0f claims per CPU-second (thread on CPU %.0f %% of the time)%n",
                    round, claims / wall, claims / cpu, 100 * cpu / wall);
        }
    }
}
