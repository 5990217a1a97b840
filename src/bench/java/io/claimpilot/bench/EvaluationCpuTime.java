package io.claimpilot.bench;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.FreshSessionEvaluator;
import io.claimpilot.policy.PolicyCompiler;
import io.claimpilot.support.GeneratedFacts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One-thread evaluation, the service's reused sessions against a new stateless session per claim, in the same JVM,
 * in alternating rounds, counted in CPU time of the evaluating thread as well as in wall time. Made for a machine that
 * other builds keep busy: claims per CPU-second is what one thread does with a core of its own, and alternating rounds
 * see the same load. Not a replacement for {@link EvaluationBenchmark}.
 * Run: {@code java -Xms2g -Xmx2g -cp <test class path> io.claimpilot.bench.EvaluationCpuTime [rows1000|shipped] [seconds] [rounds]}.
 */
public final class EvaluationCpuTime {

    private EvaluationCpuTime() {
    }

    public static void main(String[] args) {
        BenchLogging.likeTheService();
        boolean thousandRows = args.length < 1 || args[0].equals("rows1000");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        List<ClaimFacts> facts = thousandRows ? GeneratedFacts.generate(4096, BenchPolicies.TABLE_REASONS, false, 42)
                : GeneratedFacts.generate(4096, 42);
        CompiledPolicy policy = new PolicyCompiler().compile(thousandRows ? BenchPolicies.thousandRows() : BenchPolicies.shipped());
        Map<String, Function<ClaimFacts, PolicyVerdict>> evaluators = new LinkedHashMap<>();
        evaluators.put("reused sessions (service)", policy::evaluate);
        evaluators.put("stateless session per claim", FreshSessionEvaluator.of(policy));
        Map<String, double[]> totals = new LinkedHashMap<>();
        evaluators.keySet().forEach(name -> totals.put(name, new double[3]));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = -rounds; round < rounds; round++) { // negative rounds warm up
            for (Map.Entry<String, Function<ClaimFacts, PolicyVerdict>> evaluator : evaluators.entrySet()) {
                long wallStart = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long claims = 0;
                while (System.nanoTime() - wallStart < seconds * 1_000_000_000L) {
                    for (int i = 0; i < 256; i++) {
                        evaluator.getValue().apply(facts.get((int) (claims++ & 4095)));
                    }
                }
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf("%s round %d, %s: %,.0f claims/s wall, %,.0f claims per CPU-second (on CPU %.0f %%)%n",
                        round < 0 ? "warm-up" : "measured", Math.abs(round), evaluator.getKey(), claims / wall, claims / cpu,
                        100 * cpu / wall);
                if (round >= 0) {
                    double[] total = totals.get(evaluator.getKey());
                    total[0] += claims;
                    total[1] += wall;
                    total[2] += cpu;
                }
            }
        }
        totals.forEach((name, total) -> System.out.printf("TOTAL %s: %,.0f claims/s wall, %,.0f claims per CPU-second%n",
                name, total[0] / total[1], total[0] / total[2]));
    }
}
