package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyVersionRecord;
import io.claimpilot.policy.PolicyVersions;
import io.claimpilot.policy.ScenarioResult;
import io.claimpilot.policy.PolicyParameters;
import io.claimpilot.policy.ValidationReport;
import io.quarkus.qute.TemplateData;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Base of the analysts' policy pages (list and upload, a version, replay, activation), which go through the same
 * policy services as /api/policies: a version as a row (active? the one a roll-back goes back to?) and a validation
 * report the way an analyst reads it.
 */
public abstract class PolicyPage extends ConsolePage {

    @Inject
    protected PolicyVersions versions;
    @Inject
    PolicyEngine engine;

    /** A version in a list or a heading. {@code previous} marks the one a roll-back goes back to. */
    @TemplateData
    public record VersionRow(String hash, String shortHash, String author, String comment, String createdAt, String origin,
                             boolean active, boolean previous) {
    }

    /** One problem, with where to find it written the way an analyst reads it: "claims.xlsx › Claims › G11". */
    @TemplateData
    public record ProblemRow(String where, String file, String sheet, String cell, String line, String severity, String message) {
    }

    @TemplateData
    public record ScenarioRow(String where, String name, String expected, String actual, String rulesFired, String expectedRule,
                              boolean passed) {
    }

    /** A parameter whose value this version changes from the active one's; an empty side is a new or a removed one. */
    @TemplateData
    public record ParameterRow(String name, String file, String before, String after) {
    }

    @TemplateData
    public record ReportView(String version, boolean valid, int rules, List<ProblemRow> problems, int total, int passed,
                             int failed, List<ScenarioRow> scenarios, List<ParameterRow> parameters) {
    }

    PolicyVersionRecord record(String hash) {
        return versions.find(hash).orElseThrow(() -> ApiProblem.notFound("Policy version " + hash));
    }

    /** The version a roll-back goes back to, or an empty string. */
    String previous() {
        return versions.previouslyActive().orElse("");
    }

    String active() {
        return engine.active().version();
    }

    /** The version as a row of a list or a heading; pass {@link #previous()}, asked once per page. */
    VersionRow row(PolicyVersionRecord v, String previous) {
        return new VersionRow(v.hash, shortHash(v.hash), v.author, v.comment, BackOfficeViews.when(v.createdAt), v.origin,
                v.hash.equals(active()), v.hash.equals(previous));
    }

    VersionRow row(String hash) {
        return row(record(hash), previous());
    }

    static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    static ReportView report(ValidationReport report) {
        List<ProblemRow> problems = report.problems().stream().map(PolicyPage::problem).toList();
        List<ScenarioRow> scenarios = report.scenarios().results().stream().map(PolicyPage::scenario).toList();
        return new ReportView(report.version(), report.valid(), report.rules().size(), problems, report.scenarios().total(),
                report.scenarios().passed(), report.scenarios().failed(), scenarios, parameterRows(report.parameterChanges()));
    }

    static List<ParameterRow> parameterRows(List<PolicyParameters.Change> changes) {
        return changes == null ? List.of() : changes.stream().map(change -> new ParameterRow(change.name(), change.file(),
                nullToEmpty(change.before()), nullToEmpty(change.after()))).toList();
    }

    private static ProblemRow problem(PolicyProblem p) {
        List<String> where = new ArrayList<>();
        where.add(p.file() == null ? "policy" : p.file());
        Optional.ofNullable(p.sheet()).ifPresent(where::add);
        Optional.ofNullable(p.cell()).ifPresent(where::add);
        Optional.ofNullable(p.line()).ifPresent(line -> where.add("line " + line));
        return new ProblemRow(String.join(" › ", where), nullToEmpty(p.file()), nullToEmpty(p.sheet()), nullToEmpty(p.cell()),
                p.line() == null ? "" : p.line().toString(), p.severity().name(), p.message());
    }

    private static ScenarioRow scenario(ScenarioResult r) {
        return new ScenarioRow(r.file().replace(PolicySource.SCENARIOS, "") + ":" + r.line(), r.name(),
                outcome(r.expectedAction(), r.expectedAmount()), outcome(r.actualAction(), r.actualAmount()),
                String.join(" · ", r.rulesFired()), nullToEmpty(r.expectedRule()), r.passed());
    }

    private static String outcome(DecisionAction action, String amount) {
        return (action == null ? "" : action.name()) + (amount == null || amount.isBlank() ? "" : " " + amount);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
