package io.claimpilot.policy;

import io.claimpilot.facts.TestFacts;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.claimpilot.policy.DecisionTableWorkbook.SHIPPED_PARAMETERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The optional Parameters sheet: what table cells read by name or by reference, checked at its cells. */
class ParametersSheetTest {

    private static final PolicyValidator VALIDATOR = new PolicyValidator();

    @Test
    void theShippedTableReadsItsCapsAndDeadlineFromItsParameters() {
        PolicyValidator.Validation validation = VALIDATOR.validate(PolicySource.fromDirectory(Path.of("rules")));

        assertThat(validation.report().valid()).isTrue();
        assertThat(validation.compiled().parameters()).containsExactly(
                new PolicyParameters.Parameter("claims.xlsx", "cancellation_cap", "150.00"),
                new PolicyParameters.Parameter("claims.xlsx", "damaged_photo_cap", "50.00"),
                new PolicyParameters.Parameter("claims.xlsx", "photo_deadline_hours", "48"));
    }

    @Test
    void aChangedParameterChangesWhatTheRulesDecide() {
        byte[] table = DecisionTableWorkbook.shippedClaimsTable(DecisionTableWorkbook.shippedParametersWith("cancellation_cap", "120.00"));

        ValidationReport report = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();

        // The shipped scenarios expect the 150.00 cap: a 150.00 cancellation now goes to a person.
        assertThat(report.problems()).isEmpty();
        assertThat(report.scenarios().results()).filteredOn(result -> !result.passed())
                .extracting(ScenarioResult::name, ScenarioResult::actualAction)
                .containsExactly(tuple("Cancelled at the 150.00 cap is refunded", io.claimpilot.decision.DecisionAction.HUMAN_REVIEW));
    }

    @Test
    void theShippedReasonsNameTheCapsTheParametersHold() {
        byte[] table = DecisionTableWorkbook.edited(PolicyFixtures.shippedClaimsTable(), workbook -> {
            workbook.getSheet(PolicyParameters.SHEET).getRow(1).getCell(1).setCellValue("120.00");
            // As Excel does when it saves: the formulas' stored values are computed again.
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        CompiledPolicy policy = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).compiled();

        // What agents, the audit and the replay read: the cap the rules use, not the one the table was written with.
        assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("120.00").build()).reasons())
                .containsExactly("Cancelled before shipment, within the 120.00 EUR automatic refund cap");
        assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("120.01").build()).reasons())
                .containsExactly("Amount above the 120.00 EUR cap for automatic refunds");
    }

    @Test
    void aCapTypedAsANumberIsNamedInTheReasonsWithTwoDecimals() {
        byte[] table = DecisionTableWorkbook.edited(PolicyFixtures.shippedClaimsTable(), workbook -> {
            Cell cap = workbook.getSheet(PolicyParameters.SHEET).getRow(2).getCell(1);
            cap.setCellValue(40);
            // As Excel does when it saves: the formulas' stored values are computed again.
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        CompiledPolicy policy = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).compiled();

        assertThat(policy.evaluate(TestFacts.claim("DAMAGED").amount("40.01").photo(true).build()).reasons())
                .containsExactly("Damaged product above the 40.00 EUR cap for automatic handling");
    }

    @Test
    void aReasonThatIsAFormulaReachesTheDecisionExactlyAsTheSameTextTyped() {
        String typed = "Cancelled \"before\" shipment, within the 150.00 EUR cap";
        byte[] table = DecisionTableWorkbook.edited(DecisionTableWorkbook.shippedClaimsTable(SHIPPED_PARAMETERS), workbook -> {
            Sheet claims = workbook.getSheet("Claims");
            claims.getRow(10).getCell(15).setCellFormula("\"Cancelled \"\"before\"\" shipment, within the \"&TEXT(cancellation_cap,\"0.00\")&\" EUR cap\"");
            Cell plain = claims.getRow(11).getCell(15);
            plain.removeFormula();
            plain.setCellValue(typed);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        CompiledPolicy policy = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).compiled();

        assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("150.00").build()).reasons())
                .containsExactly(typed);
        assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("150.01").build()).reasons())
                .containsExactly(typed);
    }

    @Test
    void cellsMayReferToAParameterByItsCell() {
        byte[] table = DecisionTableWorkbook.edited(DecisionTableWorkbook.shippedClaimsTable(SHIPPED_PARAMETERS), workbook -> {
            Sheet claims = workbook.getSheet("Claims");
            claims.getRow(10).getCell(6).setCellFormula("Parameters!B2");
            claims.getRow(11).getCell(5).setCellFormula("Parameters!$B$2");
        });

        ValidationReport report = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();

        assertThat(report.problems()).isEmpty();
        assertThat(report.valid()).isTrue();
    }

    @Test
    void namesMustBeUniqueWellFormedAndValued() {
        byte[] table = DecisionTableWorkbook.edited(DecisionTableWorkbook.shippedClaimsTable(SHIPPED_PARAMETERS), workbook -> {
            Sheet parameters = workbook.getSheet(PolicyParameters.SHEET);
            row(parameters, 4).createCell(0).setCellValue("cancellation_cap");
            row(parameters, 4).createCell(1).setCellValue("100.00");
            row(parameters, 5).createCell(0).setCellValue("max refund");
            row(parameters, 5).createCell(1).setCellValue("100.00");
            row(parameters, 6).createCell(0).setCellValue("cap1");
            row(parameters, 6).createCell(1).setCellValue("100.00");
            row(parameters, 7).createCell(0).setCellValue("review_hours");
            row(parameters, 8).createCell(1).setCellValue("12");
        });

        ValidationReport report = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).extracting(PolicyProblem::sheet).containsOnly(PolicyParameters.SHEET);
        assertThat(report.problems()).extracting(PolicyProblem::cell, PolicyProblem::message).containsExactly(
                tuple("A5", "The parameter 'cancellation_cap' is already named at A2; every parameter needs its own name"),
                tuple("A6", "'max refund' is not a parameter name: use lower-case letters, digits and underscores, starting"
                        + " with a letter and not like a cell reference (e.g. cancellation_cap)"),
                tuple("A7", "'cap1' is not a parameter name: use lower-case letters, digits and underscores, starting"
                        + " with a letter and not like a cell reference (e.g. cancellation_cap)"),
                tuple("B8", "The parameter 'review_hours' has no value: fill in column B"),
                tuple("A9", "Row 9 has a value but no name: name the parameter in column A"));
    }

    @Test
    void aSheetWithoutItsHeaderRowIsReportedAtA1() {
        byte[] table = DecisionTableWorkbook.edited(DecisionTableWorkbook.shippedClaimsTable(SHIPPED_PARAMETERS),
                workbook -> workbook.getSheet(PolicyParameters.SHEET).getRow(0).getCell(1).setCellValue("Amount"));

        ValidationReport report = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("A1");
            assertThat(problem.message()).startsWith("The Parameters sheet starts with a header row: 'Name' in A1 and 'Value' in B1");
        });
    }

    @Test
    void aDefinedNamePointingAtAnotherParametersValueIsReported() {
        byte[] table = DecisionTableWorkbook.edited(DecisionTableWorkbook.shippedClaimsTable(SHIPPED_PARAMETERS), workbook -> {
            Name name = workbook.getName("cancellation_cap");
            name.setRefersToFormula("Parameters!$B$3");
        });

        ValidationReport report = VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.sheet()).isEqualTo(PolicyParameters.SHEET);
            assertThat(problem.cell()).isEqualTo("A2");
            assertThat(problem.message()).isEqualTo("The defined name 'cancellation_cap' refers to Parameters!$B$3, not to this"
                    + " parameter's value Parameters!$B$2: point it at Parameters!$B$2");
        });
    }

    @Test
    void changesListEachParameterWhoseValueDiffers() {
        List<PolicyParameters.Parameter> active = List.of(
                new PolicyParameters.Parameter("claims.xlsx", "cancellation_cap", "150.00"),
                new PolicyParameters.Parameter("claims.xlsx", "photo_deadline_hours", "48"),
                new PolicyParameters.Parameter("claims.xlsx", "damaged_photo_cap", "50.00"));
        List<PolicyParameters.Parameter> candidate = List.of(
                new PolicyParameters.Parameter("claims.xlsx", "cancellation_cap", "120.00"),
                new PolicyParameters.Parameter("claims.xlsx", "photo_deadline_hours", "48.0"),
                new PolicyParameters.Parameter("claims.xlsx", "return_days", "30"));

        assertThat(PolicyParameters.changes(active, candidate)).containsExactly(
                new PolicyParameters.Change("claims.xlsx", "cancellation_cap", "150.00", "120.00"),
                new PolicyParameters.Change("claims.xlsx", "return_days", null, "30"),
                new PolicyParameters.Change("claims.xlsx", "damaged_photo_cap", "50.00", null));
    }

    private static Row row(Sheet sheet, int index) {
        return sheet.getRow(index) == null ? sheet.createRow(index) : sheet.getRow(index);
    }
}
