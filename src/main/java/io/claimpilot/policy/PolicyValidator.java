package io.claimpilot.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a candidate policy without touching anything live: compiles it, checks its tables, and runs every
 * scenario against it. Plain Java, so the offline command and the server give the same report.
 */
public final class PolicyValidator {

    private final PolicyCompiler compiler = new PolicyCompiler();

    /** The report, and the compiled version when it compiled (null otherwise). */
    public record Validation(ValidationReport report, CompiledPolicy compiled) {
    }

    public Validation validate(PolicySource source) {
        String version = source.hash();
        List<PolicyProblem> problems = new ArrayList<>();
        CompiledPolicy compiled = null;
        try {
            compiled = compiler.compile(source);
        } catch (PolicyCompilationException e) {
            problems.addAll(e.problems());
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (PolicyFile file : source.scenarioFiles()) {
            scenarios.addAll(ScenarioFiles.parse(file, problems));
        }
        List<ScenarioResult> results = new ArrayList<>();
        if (compiled != null) {
            for (Scenario scenario : scenarios) {
                results.add(scenario.run(compiled, problems));
            }
        }
        ValidationReport.ScenarioSummary summary = ValidationReport.ScenarioSummary.of(results);
        boolean valid = compiled != null && problems.stream().noneMatch(p -> p.severity() == PolicyProblem.Severity.ERROR)
                && summary.failed() == 0;
        return new Validation(new ValidationReport(version, valid, problems,
                compiled == null ? List.of() : compiled.ruleNames(), summary), compiled);
    }
}
