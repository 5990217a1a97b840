package io.claimpilot.bench;

import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.FreshSessionEvaluator;
import io.claimpilot.policy.PolicyBenchSupport;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyValidator;
import io.claimpilot.support.GeneratedFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap after many activations: each activation validates a new version of the shipped policy (a comment in
 * guardrails.drl changes its hash), hands it to a real {@link PolicyEngine} the way PolicyVersions does (remember,
 * then activate) and evaluates claims with it. Prints the used heap after a full GC every 20 activations, and how
 * many of the activated KieBases are still reachable: the engine keeps the active one and at most 8 recent ones.
 * Run: ./mvnw -B -Pbench test -Dgroups=benchmark -Dtest=ActivationHeapBenchmark (numbers in docs/benchmarks.md).
 */
@Tag("benchmark")
class ActivationHeapBenchmark {

    private static final List<ClaimFacts> CLAIMS = GeneratedFacts.generate(200, 3);

    @BeforeAll
    static void logLikeTheService() {
        BenchLogging.likeTheService();
    }

    @Test
    void classicVersionsAreReleased() {
        PolicyValidator validator = new PolicyValidator();
        activateMany("classic", 200, source -> {
            PolicyValidator.Validation validation = validator.validate(source);
            assertThat(validation.report().valid()).as(validation.report().toString()).isTrue();
            return validation.compiled();
        });
    }

    @Test
    void executableModelVersionsAreReleased() {
        activateMany("executable model", 100, PolicyBenchSupport::validateExecutableModel);
    }

    private static void activateMany(String flavour, int activations, Function<PolicySource, CompiledPolicy> build) {
        PolicyEngine engine = new PolicyEngine();
        List<WeakReference<KieBase>> kieBases = new ArrayList<>();
        System.out.printf("%n%s: %d activations; used heap after full GC: %.1f MiB before the first%n",
                flavour, activations, usedAfterGc());
        System.out.println("activations | used heap after GC (MiB) | metaspace (MiB) | classes loaded | KieBases still reachable | versions cached");
        long started = System.nanoTime();
        for (int i = 1; i <= activations; i++) {
            CompiledPolicy policy = build.apply(BenchPolicies.shippedVariant(i));
            PolicyBenchSupport.rememberAndActivate(engine, policy);
            kieBases.add(new WeakReference<>(FreshSessionEvaluator.kieBaseOf(policy)));
            for (ClaimFacts claim : CLAIMS) {
                engine.evaluate(claim);
            }
            if (i % 20 == 0) {
                double used = usedAfterGc();
                System.out.printf("%11d | %24.1f | %15.1f | %14d | %24d | %15d%n", i, used, metaspace(),
                        ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(), reachable(kieBases),
                        PolicyBenchSupport.cachedVersions(engine));
            }
        }
        System.out.printf("%s: %d activations in %.1f s%n", flavour, activations, (System.nanoTime() - started) / 1e9);
        usedAfterGc();
        // The active version and the engine's recent ones; every other KieBase is garbage.
        assertThat(reachable(kieBases)).isLessThanOrEqualTo(PolicyBenchSupport.cacheLimit() + 1);
    }

    private static long reachable(List<WeakReference<KieBase>> references) {
        return references.stream().filter(reference -> reference.get() != null).count();
    }

    private static double metaspace() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    private static double usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
