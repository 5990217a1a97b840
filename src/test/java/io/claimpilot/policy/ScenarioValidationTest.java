package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenarios are the analysts' tests: a failing one makes the version invalid and shows expected against actual. */
class ScenarioValidationTest {

    private static final PolicyValidator VALIDATOR = new PolicyValidator();

    private static PolicySource shippedWith(String scenarioName, String csv) {
        List<PolicyFile> files = new ArrayList<>(PolicySource.fromDirectory(Path.of("rules")).files());
        files.add(new PolicyFile(PolicySource.SCENARIOS + scenarioName, csv.getBytes(StandardCharsets.UTF_8)));
        return new PolicySource(files);
    }

    @Test
    void theShippedPolicyPassesItsScenarios() {
        ValidationReport report = VALIDATOR.validate(PolicySource.fromDirectory(Path.of("rules"))).report();

        assertThat(report.valid()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.scenarios().total()).isEqualTo(31);
        assertThat(report.scenarios().failed()).isZero();
        assertThat(report.rules()).hasSize(22);
    }

    @Test
    void aFailingScenarioMakesTheVersionInvalidAndShowsExpectedAgainstActual() {
        String csv = "name,reason,amount,currency,fulfillment,stock,photo,claims_30_days,expected_action,expected_amount,expected_rule\n"
                + "Wishful: 200 refunded,ORDER_CANCELLED_BEFORE_SHIPMENT,200.00,EUR,UNFULFILLED,,no,1,REFUND,200.00,\n";

        ValidationReport report = VALIDATOR.validate(shippedWith("wishful.csv", csv)).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.scenarios().failed()).isEqualTo(1);
        ScenarioResult failed = report.scenarios().results().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertThat(failed.file()).isEqualTo("scenarios/wishful.csv");
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.expectedAction()).isEqualTo(DecisionAction.REFUND);
        assertThat(failed.actualAction()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(failed.rulesFired()).containsExactly("Cancelled before shipment, above the cap: review");
        assertThat(report.toText()).contains("FAIL").contains("Wishful: 200 refunded");
    }

    @Test
    void aScenarioFileSavedByExcelWithAByteOrderMarkIsRead() {
        String csv = "\uFEFFname,reason,amount,expected_action\nExcel row,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,REFUND\n";

        ValidationReport report = VALIDATOR.validate(shippedWith("excel.csv", csv)).report();

        assertThat(report.valid()).isTrue();
        assertThat(report.scenarios().results()).anySatisfy(r -> assertThat(r.name()).isEqualTo("Excel row"));
    }

    @Test
    void aWrongExpectedRuleOrAmountFails() {
        String csv = "name,reason,amount,expected_action,expected_amount,expected_rule\n"
                + "Right action wrong amount,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,REFUND,19.99,\n"
                + "Right action wrong rule,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,REFUND,,Some other rule\n";

        ValidationReport report = VALIDATOR.validate(shippedWith("picky.csv", csv)).report();

        assertThat(report.scenarios().results()).filteredOn(r -> r.file().endsWith("picky.csv"))
                .extracting(ScenarioResult::passed).containsExactly(false, false);
    }

    @Test
    void aBrokenScenarioFileIsReportedByLine() throws IOException {
        String csv = "name,reason,amount,expected_action,colour\n"
                + "x,DAMAGED,abc,REFUND,blue\n";

        ValidationReport report = VALIDATOR.validate(shippedWith("broken.csv", csv)).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("scenarios/broken.csv");
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).startsWith("Column 'colour' is unknown");
        });

        // A broken file does not hide the files after it: the shipped scenarios still ran.
        assertThat(report.scenarios().total()).isEqualTo(31);

        String badValue = "name,reason,amount,expected_action\nx,DAMAGED,abc,REFUND\ny,DAMAGED,10,MAYBE\n";
        ValidationReport second = VALIDATOR.validate(shippedWith("values.csv", badValue)).report();
        assertThat(second.problems()).extracting(PolicyProblem::line, PolicyProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "Column 'amount': 'abc' is not a number"),
                org.assertj.core.groups.Tuple.tuple(3, "Column 'expected_action': 'MAYBE' is not one of [REFUND, RESHIP, EXCHANGE, REQUEST_EVIDENCE, HUMAN_REVIEW, DENY]"));
    }
}
