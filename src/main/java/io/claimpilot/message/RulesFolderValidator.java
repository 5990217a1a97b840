package io.claimpilot.message;

import io.claimpilot.policy.PolicyFile;
import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyValidator;
import io.claimpilot.policy.ValidationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rules folder as analysts edit it: its policy, and the customer message templates beside it
 * ({@code messages/}), which are not part of the version but are edited by the same people. A template problem makes
 * the report invalid.
 */
public class RulesFolderValidator {

    private final PolicyValidator policies = new PolicyValidator();

    public PolicyValidator.Validation validate(Path folder) {
        PolicyValidator.Validation validation = policies.validate(PolicySource.fromDirectory(folder));
        List<PolicyProblem> templateProblems = new ArrayList<>(unreadableSpreadsheets(folder));
        templateProblems.addAll(MessageTemplateSet.load(folder).problems());
        if (templateProblems.isEmpty()) {
            return validation;
        }
        ValidationReport report = validation.report();
        List<PolicyProblem> problems = new ArrayList<>(report.problems());
        problems.addAll(templateProblems);
        boolean valid = report.valid() && templateProblems.stream().noneMatch(p -> p.severity() == PolicyProblem.Severity.ERROR);
        return new PolicyValidator.Validation(new ValidationReport(report.version(), valid, problems, report.rules(),
                report.scenarios()), validation.compiled());
    }

    /** A table saved in a format the policy cannot read would otherwise be silently left out of it. */
    private static List<PolicyProblem> unreadableSpreadsheets(Path folder) {
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> PolicyFile.unreadableSpreadsheet(name) != null)
                    .sorted()
                    .map(name -> PolicyProblem.error(name, PolicyFile.unreadableSpreadsheet(name)))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
