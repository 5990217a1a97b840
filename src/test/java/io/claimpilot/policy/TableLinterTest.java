package io.claimpilot.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.claimpilot.policy.DecisionTableWorkbook.CLAIM_COLUMNS;
import static io.claimpilot.policy.DecisionTableWorkbook.STARTING_POLICY;
import static io.claimpilot.policy.DecisionTableWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The mistakes Drools accepts silently or reports against generated code, reported at the analyst's cell. */
class TableLinterTest {

    private static List<PolicyProblem> problemsOf(byte[] table) throws IOException {
        PolicyFile guardrails = new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));
        return catchThrowableOfType(PolicyCompilationException.class, () -> new PolicyCompiler()
                .compile(new PolicySource(List.of(guardrails, new PolicyFile("claims.xlsx", table))))).problems();
    }

    private static List<List<String>> startingPolicyWith(int index, List<String> row) {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.set(index, row);
        return rows;
    }

    @Test
    void aValueThatIsNotANumberIsNamedByItsColumn() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(0, row("Cancelled before shipment, up to the cap: refund",
                "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "", "15O", "", "", "REFUND", "", "refund-issued", "")));

        assertThat(problemsOf(table)).singleElement().satisfies(problem -> {
            assertThat(problem.sheet()).isEqualTo("Claims");
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).isEqualTo("Column 'Amount at most': '15O' is not a number");
        });
    }

    @Test
    void anAmountWithMoreDecimalsThanItsCurrencyIsNamedByItsCell() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(0, row("Cancelled before shipment, up to the cap: refund",
                "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "", "150.005", "", "", "REFUND", "", "refund-issued", "")));

        assertThat(problemsOf(table)).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).isEqualTo("Column 'Amount at most': '150.005' has more decimals than EUR has (2)");
        });
    }

    @Test
    void wrongTrueFalseAndWholeNumberValuesAreNamed() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(4, row("Damaged without a photo: ask for one",
                "DAMAGED", "", "", "", "", "", "maybe", "REQUEST_EVIDENCE", "48h", "photo-requested", "")));

        assertThat(problemsOf(table)).extracting(PolicyProblem::cell, PolicyProblem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("I15", "Column 'Photo provided': 'maybe' is not true or false"),
                org.assertj.core.groups.Tuple.tuple("N15", "Column 'Evidence deadline (hours)': '48h' is not a whole number"));
    }

    @Test
    void aMisspelledColumnKeywordIsCaught() throws IOException {
        List<DecisionTableWorkbook.Column> columns = new ArrayList<>(CLAIM_COLUMNS);
        DecisionTableWorkbook.Column currency = columns.get(2);
        columns.set(2, new DecisionTableWorkbook.Column("CONDITON", currency.code(), currency.header()));
        byte[] table = DecisionTableWorkbook.write("io.claimpilot.rules.claims", "Claims policy", columns, STARTING_POLICY, true);

        assertThat(problemsOf(table)).first().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("E7");
            assertThat(problem.message()).isEqualTo("'CONDITON' is not a column keyword; did you mean CONDITION?");
        });
    }

    @Test
    void anUnmergedFactTypeCellIsCaught() throws IOException {
        byte[] table = DecisionTableWorkbook.write("io.claimpilot.rules.claims", "Claims policy", CLAIM_COLUMNS, STARTING_POLICY, false);

        List<PolicyProblem> problems = problemsOf(table);

        assertThat(problems).hasSize(9);
        assertThat(problems.get(0).cell()).isEqualTo("D8");
        assertThat(problems.get(0).message())
                .isEqualTo("Column 'Fulfillment' has no fact type: merge the fact-type cell (ClaimFacts) across all condition columns");
    }

    @Test
    void aRuleNameUsedTwiceIsCaught() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(STARTING_POLICY.get(0));

        assertThat(problemsOf(DecisionTableWorkbook.claimsTable(rows))).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("B25");
            assertThat(problem.message()).isEqualTo(
                    "The rule name 'Cancelled before shipment, up to the cap: refund' is already used at B11; every row needs its own name");
        });
    }

    @Test
    void misspelledValuesThatWouldNeverMatchAreCaught() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(4, row("Damaged without a photo: ask for one",
                "DAMAGE", "", "eur", "", "", "", "false", "REQUEST_EVIDENCE", "48", "photo-requested", "")));

        assertThat(problemsOf(table)).extracting(PolicyProblem::cell, PolicyProblem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("C15", "Column 'Reason': 'DAMAGE' is not a known value; use one of "
                        + "[DAMAGED, NOT_RECEIVED, ORDER_CANCELLED_BEFORE_SHIPMENT, OTHER, RETURN_SCANNED, WRONG_ITEM]"),
                org.assertj.core.groups.Tuple.tuple("E15", "Column 'Currency': 'eur' is not a known value (write it in capitals, e.g. EUR)"));
    }

    @Test
    void aRowWithoutANameOrAnEvidenceRequestWithoutADeadlineIsCaught() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(4, row("",
                "DAMAGED", "", "", "", "", "", "false", "REQUEST_EVIDENCE", "", "photo-requested", "")));

        assertThat(problemsOf(table)).extracting(PolicyProblem::cell, PolicyProblem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("B15", "Row 15 has no name: name every case, the name is what agents read"),
                org.assertj.core.groups.Tuple.tuple("N15", "Row 15 asks for evidence without a deadline: fill in the deadline in hours"));
    }

    @Test
    void aDeadlineOfZeroHoursIsCaught() throws IOException {
        byte[] table = DecisionTableWorkbook.claimsTable(startingPolicyWith(4, row("Damaged without a photo: ask for one",
                "DAMAGED", "", "", "", "", "", "false", "REQUEST_EVIDENCE", "0", "photo-requested", "")));

        assertThat(problemsOf(table)).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("N15");
            assertThat(problem.message()).isEqualTo("Row 15: a deadline of 0 hours leaves the customer no time; use 1 or more");
        });
    }

    @Test
    void rowsBelowAnEmptyRowAreReportedInsteadOfIgnored() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(row("", "", "", "", "", "", "", "", "", "", "", ""));
        rows.add(row("Wrong item: refund", "WRONG_ITEM", "", "EUR", "", "20.00", "", "", "REFUND", "", "refund-issued", ""));

        assertThat(problemsOf(DecisionTableWorkbook.claimsTable(rows))).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("B26");
            assertThat(problem.message()).isEqualTo("Row 26 comes after an empty row, so it is ignored: remove the empty row 25 above it");
        });
    }

    @Test
    void aDrlRuleThatDecidesNothingIsReportedAtItsLine() throws IOException {
        String drl = "package io.claimpilot.rules.extra\nimport io.claimpilot.facts.ClaimFacts\n"
                + "global io.claimpilot.decision.PolicyOutcome outcome\n\n"
                + "rule \"Only logs\"\nwhen\n    ClaimFacts( reason == \"OTHER\" )\nthen\n    String other = \"other\";\nend\n";
        PolicyFile guardrails = new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));

        List<PolicyProblem> problems = catchThrowableOfType(PolicyCompilationException.class, () -> new PolicyCompiler()
                .compile(new PolicySource(List.of(guardrails, new PolicyFile("extra.drl", drl.getBytes(StandardCharsets.UTF_8))))))
                .problems();

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("extra.drl");
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).startsWith("Rule 'Only logs' sets no decision");
        });
    }

    @Test
    void aCsvConditionWithoutFactTypeIsCaught() throws IOException {
        String csv = String.join("\n",
                "RuleSet,io.claimpilot.rules.csv",
                "Import,\"io.claimpilot.facts.ClaimFacts, io.claimpilot.decision.DecisionAction\"",
                "Variables,io.claimpilot.decision.PolicyOutcome outcome",
                "",
                "RuleTable Wrong items",
                "NAME,CONDITION,CONDITION,ACTION",
                ",ClaimFacts,,",
                ",\"reason == \"\"$param\"\"\",claimedAmount <= $param,outcome.decide(DecisionAction.$param);",
                "Case,Reason,Amount at most,Action",
                "Small wrong item,WRONG_ITEM,20.00,REFUND",
                "");
        PolicyFile guardrails = new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));

        List<PolicyProblem> problems = catchThrowableOfType(PolicyCompilationException.class, () -> new PolicyCompiler()
                .compile(new PolicySource(List.of(guardrails, new PolicyFile("wrong.csv", csv.getBytes(StandardCharsets.UTF_8))))))
                .problems();

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("C7");
            assertThat(problem.message()).contains("in a CSV table write the fact type (ClaimFacts) above every condition");
        });
    }
}
