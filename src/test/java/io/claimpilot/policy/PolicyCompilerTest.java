package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.facts.TestFacts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.claimpilot.policy.DecisionTableWorkbook.STARTING_POLICY;
import static io.claimpilot.policy.DecisionTableWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the compiler accepts, and how it points analysts at what it refuses. */
class PolicyCompilerTest {

    private static final PolicyCompiler COMPILER = new PolicyCompiler();

    private static PolicyFile guardrails() throws IOException {
        return new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));
    }

    private static PolicyFile drl(String name, String text) {
        return new PolicyFile(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<PolicyProblem> problemsOf(PolicyFile... files) {
        return catchThrowableOfType(PolicyCompilationException.class,
                () -> COMPILER.compile(new PolicySource(List.of(files)))).problems();
    }

    @Test
    void drlSyntaxErrorNamesTheFileAndLine() throws IOException {
        String broken = new String(guardrails().content(), StandardCharsets.UTF_8)
                + "\nrule \"Broken\"\nwhen\n    ClaimFacts( claimedAmount >>> 3 )\nthen\nend\n";
        int brokenLine = (int) broken.lines().takeWhile(line -> !line.contains(">>>")).count() + 1;

        List<PolicyProblem> problems = problemsOf(drl("guardrails.drl", broken));

        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).file()).isEqualTo("guardrails.drl");
        assertThat(problems.get(0).line()).isEqualTo(brokenLine);
        assertThat(problems.get(0).severity()).isEqualTo(PolicyProblem.Severity.ERROR);
        assertThat(problems.get(0).message()).isEqualTo("Predicate 'claimedAmount >>> 3' must be a Boolean expression");
    }

    @Test
    void anUnknownFactInADrlConditionNamesTheLine() throws IOException {
        String broken = new String(guardrails().content(), StandardCharsets.UTF_8)
                .replace("customerClaimsLast30Days > 3", "customerClaimsLast30Days > three");
        // Drools locates this kind of error at the pattern that holds the constraint.
        int line = (int) broken.lines().takeWhile(l -> !l.contains("> three")).count() + 1;

        assertThat(problemsOf(drl("guardrails.drl", broken))).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).isEqualTo("'three' is not a fact of a claim; check the spelling, or put text values in quotes");
        });
    }

    @Test
    void unknownActionInATableCellNamesTheSheetAndCell() {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        // Row 3 of the data (spreadsheet row 13): an action that does not exist.
        rows.set(2, row("Returned parcel, every item in stock: reship", "RETURN_SCANNED", "", "", "", "", "true", "",
                "RESHIP_TWICE", "", "reshipment-on-its-way", "typo"));

        List<PolicyProblem> problems = problemsOf(new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows)));

        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).file()).isEqualTo("claims.xlsx");
        assertThat(problems.get(0).sheet()).isEqualTo("Claims");
        assertThat(problems.get(0).cell()).isEqualTo("M13");
        assertThat(problems.get(0).message()).startsWith("Column 'Action': 'RESHIP_TWICE' is not an action");
    }

    @Test
    void duplicateRuleNamesAreAnErrorNotASilentReplacement() throws IOException {
        String copy = new String(guardrails().content(), StandardCharsets.UTF_8);

        List<PolicyProblem> problems = problemsOf(guardrails(), drl("guardrails-copy.drl", copy));

        assertThat(problems).anySatisfy(problem -> assertThat(problem.message())
                .isEqualTo("The rule name 'Guard rail: more than 3 claims in 30 days' is used twice (duplicate rule name); every rule needs its own name"));
    }

    @Test
    void aWorkbookWithoutRuleTableSaysSo() throws IOException {
        String csv = "RuleSet,io.claimpilot.rules.csv\nImport,io.claimpilot.facts.ClaimFacts\n";

        List<PolicyProblem> problems = problemsOf(guardrails(), drl("nothing.csv", csv));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("nothing.csv");
            assertThat(problem.message()).isEqualTo("The decision table cannot be read: No RuleTable cells in spreadsheet.");
        });
    }

    @Test
    void aRuleTableWithoutRowsSaysSo() throws IOException {
        byte[] notATable = DecisionTableWorkbook.write("io.claimpilot.rules.claims", "Claims policy",
                DecisionTableWorkbook.CLAIM_COLUMNS, List.of(), true);

        List<PolicyProblem> problems = problemsOf(guardrails(), new PolicyFile("empty.xlsx", notATable));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("empty.xlsx");
            assertThat(problem.cell()).isEqualTo("B6");
            assertThat(problem.message()).isEqualTo("The rule table 'Claims policy' has no rows: add one row per case below the header row 10");
        });
    }

    @Test
    void aRowThatDecidesNothingIsReportedAtItsCell() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(row("Forgot the action", "OTHER", "", "", "", "", "", "", "", "", "", ""));

        List<PolicyProblem> problems = problemsOf(guardrails(), new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows)));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("B25");
            assertThat(problem.message()).contains("Forgot the action").contains("sets no decision");
        });
    }

    @Test
    void theSameRuleNameInTwoFilesIsReported() throws IOException {
        String copy = new String(guardrails().content(), StandardCharsets.UTF_8)
                .replace("package io.claimpilot.rules.guardrails", "package io.claimpilot.rules.copy");

        assertThat(problemsOf(guardrails(), drl("copy.drl", copy)))
                .anySatisfy(problem -> assertThat(problem.message())
                        .isEqualTo("The rule name 'Guard rail: more than 3 claims in 30 days' is also used in copy.drl; every rule needs its own name"));
    }

    @Test
    void aFileWithoutRulesIsReported() throws IOException {
        List<PolicyProblem> problems = problemsOf(guardrails(), drl("empty.drl", "package io.claimpilot.rules.empty\n"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("empty.drl");
            assertThat(problem.message()).isEqualTo("This file contributes no rules");
        });
    }

    @Test
    void csvDecisionTablesCompileToo() throws IOException {
        String csv = String.join("\n",
                "RuleSet,io.claimpilot.rules.csv",
                "Import,\"io.claimpilot.facts.ClaimFacts, io.claimpilot.decision.DecisionAction\"",
                "Variables,io.claimpilot.decision.PolicyOutcome outcome",
                "",
                "RuleTable Wrong items",
                "NAME,CONDITION,CONDITION,ACTION,ACTION",
                // CSV cannot merge cells: each condition column names the fact type again.
                ",ClaimFacts,ClaimFacts,,",
                // Quotes inside a CSV cell are doubled, and the cell itself quoted.
                ",\"reason == \"\"$param\"\"\",claimedAmount <= $param,outcome.decide(DecisionAction.$param);,\"outcome.explain(\"\"$param\"\");\"",
                "Case,Reason,Amount at most,Action,Why",
                "Wrong item up to 20: refund,WRONG_ITEM,20.00,REFUND,Small wrong item",
                "");

        CompiledPolicy policy = COMPILER.compile(new PolicySource(List.of(guardrails(), drl("wrong-items.csv", csv))));

        assertThat(policy.rulesByFile().get("wrong-items.csv")).containsExactly("Wrong item up to 20: refund");
        assertThat(policy.evaluate(TestFacts.claim("WRONG_ITEM").amount("20.00").build()).action()).isEqualTo(DecisionAction.REFUND);
        assertThat(policy.evaluate(TestFacts.claim("WRONG_ITEM").amount("20.01").build()).action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
    }

    @Test
    void conflictingRowsGoToAPersonInsteadOfGuessing() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(row("Cancelled: reship instead", "ORDER_CANCELLED_BEFORE_SHIPMENT", "", "", "", "", "", "",
                "RESHIP", "", "", "conflicting row"));
        CompiledPolicy policy = COMPILER.compile(new PolicySource(List.of(guardrails(),
                new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows)))));

        var verdict = policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("10.00").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons().get(0)).startsWith("Policy rows disagree");
    }

    @Test
    void theVersionIsTheHashOfTheContent() throws IOException {
        PolicySource one = new PolicySource(List.of(guardrails()));
        PolicySource same = new PolicySource(List.of(guardrails()));
        PolicySource changed = new PolicySource(List.of(drl("guardrails.drl",
                new String(guardrails().content(), StandardCharsets.UTF_8) + "\n// a comment\n")));

        assertThat(one.hash()).isEqualTo(same.hash()).hasSize(64);
        assertThat(changed.hash()).isNotEqualTo(one.hash());
    }

    @Test
    void onlyTopLevelRuleFilesAreLoaded(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.copy(Path.of("rules/guardrails.drl"), dir.resolve("guardrails.drl"));
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/cases.csv"), "not,a,rule,file");
        Files.writeString(dir.resolve("README.txt"), "notes");

        PolicySource source = PolicySource.fromDirectory(dir);
        assertThat(source.ruleFiles()).extracting(PolicyFile::name).containsExactly("guardrails.drl");
        assertThat(source.scenarioFiles()).extracting(PolicyFile::name).containsExactly("scenarios/cases.csv");
    }
}
