package io.claimpilot.policy;

import java.util.List;

/**
 * Everything an analyst needs to know about a candidate policy: where it is wrong, which rules it has,
 * expected against actual for every scenario, and the parameters it changes from the version active when it was
 * proposed. It is valid when it has no error and every scenario passes.
 */
public record ValidationReport(
        String version,
        boolean valid,
        List<PolicyProblem> problems,
        List<String> rules,
        ScenarioSummary scenarios,
        List<PolicyParameters.Change> parameterChanges) {

    public ValidationReport {
        // Reports stored before parameters existed have none.
        parameterChanges = parameterChanges == null ? List.of() : List.copyOf(parameterChanges);
    }

    public ValidationReport(String version, boolean valid, List<PolicyProblem> problems, List<String> rules,
                            ScenarioSummary scenarios) {
        this(version, valid, problems, rules, scenarios, List.of());
    }

    /** The same report, with the parameters that differ from the active version's. */
    public ValidationReport withParameterChanges(List<PolicyParameters.Change> changes) {
        return new ValidationReport(version, valid, problems, rules, scenarios, changes);
    }

    public record ScenarioSummary(int total, int passed, int failed, List<ScenarioResult> results) {
        static ScenarioSummary of(List<ScenarioResult> results) {
            int passed = (int) results.stream().filter(ScenarioResult::passed).count();
            return new ScenarioSummary(results.size(), passed, results.size() - passed, results);
        }
    }

    /** A plain-text report for the terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(valid ? "VALID" : "INVALID").append(" policy ").append(version, 0, Math.min(12, version.length()))
                .append(": ").append(rules.size()).append(" rules, ").append(problems.size()).append(" problem(s), ")
                .append(scenarios.passed()).append('/').append(scenarios.total()).append(" scenarios pass\n");
        for (PolicyProblem problem : problems) {
            text.append("  ").append(problem).append('\n');
        }
        for (PolicyParameters.Change change : parameterChanges) {
            text.append("  parameter ").append(change.name()).append(" (").append(change.file()).append("): ")
                    .append(change.before() == null ? "(new)" : change.before()).append(" -> ")
                    .append(change.after() == null ? "(removed)" : change.after()).append('\n');
        }
        if (scenarios.total() > 0) {
            text.append(String.format("  %-4s %-50s %-16s %-16s %-9s %-9s %s%n", "", "scenario", "expected", "actual",
                    "exp.amt", "act.amt", "rules fired (expected rule)"));
            for (ScenarioResult result : scenarios.results()) {
                text.append(String.format("  %-4s %-50s %-16s %-16s %-9s %-9s %s%n", result.passed() ? "ok" : "FAIL",
                        truncate(result.file().replace(PolicySource.SCENARIOS, "") + ":" + result.line() + " " + result.name(), 50),
                        result.expectedAction(), result.actualAction(),
                        result.expectedAmount() == null ? "" : result.expectedAmount(),
                        result.actualAmount() == null ? "" : result.actualAmount(), String.join(" | ", result.rulesFired())
                                + (result.expectedRule() == null ? "" : "  (expected: " + result.expectedRule() + ")")));
            }
        }
        return text.toString();
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }
}
