package io.claimpilot.policy;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSessionsPool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the benchmarks (src/bench: io.claimpilot.bench) need from the policy package's insides: the engine's
 * activation swap, parsed scenarios, and the same policy built with the Drools executable model instead of the classic
 * KnowledgeBuilder, wrapped in the same {@link CompiledPolicy} so evaluation is measured on an identical path.
 */
public final class PolicyBenchSupport {

    private static final AtomicLong BUILDS = new AtomicLong();

    private PolicyBenchSupport() {
    }

    /** What {@link PolicyVersions#propose} and {@link PolicyVersions#activate} do to the engine, without the database. */
    public static void rememberAndActivate(PolicyEngine engine, CompiledPolicy policy) {
        engine.remember(policy);
        engine.activate(policy);
    }

    public static int cachedVersions(PolicyEngine engine) {
        return engine.cachedVersions();
    }

    public static int cacheLimit() {
        return PolicyEngine.CACHED_VERSIONS;
    }

    public static List<Scenario> scenarios(PolicySource source) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (PolicyFile file : source.scenarioFiles()) {
            scenarios.addAll(ScenarioFiles.parse(file, problems));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(problems);
        }
        return scenarios;
    }

    /**
     * A candidate change measured by the benchmarks, not used by the service: {@link CompiledPolicy#evaluate} with its
     * stateless sessions taken from a {@link KieSessionsPool} ({@code kieBase.newKieSessionsPool}) instead of
     * {@code kieBase.newStatelessKieSession()}, so a claim reuses a reset session and its node memories instead of
     * allocating a new one. Same listener, same outcome global, same verdict.
     */
    public static Function<ClaimFacts, PolicyVerdict> pooledEvaluator(CompiledPolicy policy, int initialSessions) {
        KieSessionsPool pool = FreshSessionEvaluator.kieBaseOf(policy).newKieSessionsPool(initialSessions);
        return FreshSessionEvaluator.of(policy, pool::newStatelessKieSession);
    }

    /** The classic build as it was up to run 4: tables' amount conditions compared as BigDecimal. */
    public static CompiledPolicy compileWithBigDecimalAmounts(PolicySource source) {
        return new PolicyCompiler(false).compile(source);
    }

    /**
     * The executable-model counterpart of {@link PolicyValidator#validate}: the same table linting, an executable-model
     * build, and every scenario. Returns the compiled policy, or throws when anything fails.
     */
    public static CompiledPolicy validateExecutableModel(PolicySource source) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicyFile file : source.ruleFiles()) {
            if (file.isDecisionTable()) {
                problems.addAll(TableLinter.lint(file));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(problems);
        }
        CompiledPolicy compiled = compileExecutableModel(source);
        for (Scenario scenario : scenarios(source)) {
            ScenarioResult result = scenario.run(compiled);
            if (!result.passed()) {
                throw new IllegalStateException("Scenario failed on the executable model: " + result);
            }
        }
        return compiled;
    }

    /**
     * Builds the policy's rule files with {@code kieBuilder.buildAll(ExecutableModelProject.class)}: DRL as DRL, decision
     * tables as DTABLE resources. The KieModule is removed from the KieRepository and the KieContainer disposed as soon
     * as the KieBase exists, so nothing but the returned policy keeps it.
     */
    public static CompiledPolicy compileExecutableModel(PolicySource source) {
        KieServices services = KieServices.Factory.get();
        ReleaseId releaseId = services.newReleaseId("io.claimpilot.bench",
                "policy-" + source.hash().substring(0, 12) + "-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem files = services.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        for (PolicyFile file : source.ruleFiles()) {
            // A KieFileSystem keeps bytes, not the resource type: the builder goes by the name, and takes a table only
            // as *.drl.xlsx, *.drl.xls or *.drl.csv. A plain claims.xlsx is skipped without a word.
            String name = file.isDecisionTable() ? file.name().replaceFirst("\\.(?i)(xlsx|xls|csv)$", ".drl.$1") : file.name();
            files.write("src/main/resources/" + name, services.getResources().newByteArrayResource(file.content())
                    .setResourceType(file.isDecisionTable() ? ResourceType.DTABLE : ResourceType.DRL));
        }
        KieBuilder builder = services.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            services.getRepository().removeKieModule(releaseId);
            throw new IllegalStateException("The executable model does not build: " + builder.getResults().getMessages());
        }
        KieContainer container = services.newKieContainer(releaseId);
        KieBase kieBase;
        try {
            kieBase = container.getKieBase();
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
        container.dispose();
        Map<String, List<String>> rulesByFile = new LinkedHashMap<>();
        List<String> rules = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                rules.add(rule.getName());
            }
        }
        rulesByFile.put("(executable model)", rules);
        return new CompiledPolicy(source.hash(), source.fileNames(), rulesByFile, kieBase);
    }
}
