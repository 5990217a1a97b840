package io.claimpilot.bench;

import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyBenchSupport;
import io.claimpilot.policy.PolicyCompiler;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyValidator;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time to validate and activate a 1,000-row XLSX decision table (plus the shipped guard rails and 15 scenarios),
 * one build per operation. {@code classic-validate-activate} is what an upload or a saved file costs in the service:
 * table linting, XLSX to DRL, KnowledgeBuilder, the "rule decides nothing" check, every scenario, and the engine's
 * reference swap. {@code classic-compile} is the compiler alone. {@code executable-model-validate-activate} does the
 * same linting, scenarios and swap around {@code buildAll(ExecutableModelProject.class)}.
 * The first (warm-up) build of each fork is a cold JVM. With {@code -p boot=shipped-policy} the fork first validates
 * and activates the shipped rules/ folder, as the service does when it starts, so the first build is what an analyst's
 * first upload after a start costs; run it as {@code -wi 0 -i 1 -f 5} to measure only first builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BuildBenchmark {

    @Param({"classic-validate-activate", "classic-compile", "executable-model-validate-activate"})
    public String build;

    /** What the JVM did before the first build: nothing, or the service's start (the shipped policy validated). */
    @Param({"none"})
    public String boot;

    private PolicySource source;
    private final PolicyEngine engine = new PolicyEngine();

    @Setup(Level.Trial)
    public void generateTable() {
        BenchLogging.likeTheService();
        source = BenchPolicies.thousandRows();
        if (boot.equals("shipped-policy")) {
            PolicyValidator.Validation shipped = new PolicyValidator().validate(BenchPolicies.shipped());
            if (!shipped.report().valid()) {
                throw new IllegalStateException("The shipped policy does not validate: " + shipped.report());
            }
            PolicyBenchSupport.rememberAndActivate(engine, shipped.compiled());
        } else if (!boot.equals("none")) {
            throw new IllegalArgumentException(boot);
        }
    }

    @Benchmark
    public CompiledPolicy thousandRowXlsx() {
        CompiledPolicy compiled = switch (build) {
            case "classic-validate-activate" -> {
                PolicyValidator.Validation validation = new PolicyValidator().validate(source);
                if (!validation.report().valid()) {
                    throw new IllegalStateException("The generated table does not validate: " + validation.report());
                }
                yield validation.compiled();
            }
            case "classic-compile" -> new PolicyCompiler().compile(source);
            case "executable-model-validate-activate" -> PolicyBenchSupport.validateExecutableModel(source);
            case "executable-model-compile" -> PolicyBenchSupport.compileExecutableModel(source);
            default -> throw new IllegalArgumentException(build);
        };
        if (build.endsWith("activate")) {
            PolicyBenchSupport.rememberAndActivate(engine, compiled);
        }
        return compiled;
    }
}
