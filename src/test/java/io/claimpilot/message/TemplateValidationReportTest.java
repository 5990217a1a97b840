package io.claimpilot.message;

import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.ValidateCommand;
import io.claimpilot.policy.ValidationReport;
import io.claimpilot.support.RulesFolderResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Template problems are part of the policy validation report of a rules folder, and of the offline command. */
class TemplateValidationReportTest {

    @TempDir
    Path temp;

    @Test
    void aBrokenTemplateMakesTheFolderInvalidAndIsReportedWithFileAndLine() throws IOException {
        Path rules = temp.resolve("rules");
        RulesFolderResource.copyFolder(Path.of("rules"), rules);
        Files.writeString(rules.resolve("messages/fr/denied.txt"), "Objet : Réponse\n\nBonjour {customer.prenom},\n");

        ValidationReport report = new RulesFolderValidator().validate(rules).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.scenarios().failed()).isZero();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("messages/fr/denied.txt");
            assertThat(problem.sheet()).isNull();
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.severity()).isEqualTo(PolicyProblem.Severity.ERROR);
        });
        assertThat(report.toText()).contains("ERROR messages/fr/denied.txt, line 3: {customer.prenom}");
        assertThat(ValidateCommand.run(new String[]{"validate", rules.toString()})).isEqualTo(1);
    }

    @Test
    void theShippedFolderIsValidAndAFolderWithoutTemplatesOnlyWarns() throws IOException {
        assertThat(new RulesFolderValidator().validate(Path.of("rules")).report().problems()).isEmpty();

        Path rules = temp.resolve("rules-without-messages");
        RulesFolderResource.copyFolder(Path.of("rules"), rules);
        for (String language : new String[]{"fr", "en"}) {
            try (var files = Files.list(rules.resolve("messages").resolve(language))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(rules.resolve("messages").resolve(language));
        }
        Files.delete(rules.resolve("messages"));

        ValidationReport report = new RulesFolderValidator().validate(rules).report();
        assertThat(report.valid()).isTrue();
        assertThat(report.problems()).extracting(PolicyProblem::severity).containsExactly(PolicyProblem.Severity.WARNING);
    }
}
