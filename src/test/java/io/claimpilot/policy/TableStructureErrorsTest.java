package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A mistake in a table's header rows (its fact type, a condition's code) is reported once, at that cell, in plain
 * words, rather than as a syntax error of the generated rules on every row.
 */
class TableStructureErrorsTest {

    @Test
    void aFactTypeThatIsNotOneIsReportedAtItsCell() {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(7).getCell(2).setCellValue("ClaimFact"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("C8");
            assertThat(problem.message()).isEqualTo("The fact type 'ClaimFact' is not one a rule can read:"
                    + " conditions are written on ClaimFacts");
        });
    }

    @Test
    void aConditionThatCannotBeReadIsReportedAtItsCodeCell() {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(8).getCell(6).setCellValue("claimedAmount <== $param"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G9");
            assertThat(problem.message()).isEqualTo("The condition 'claimedAmount <== $param' of column 'Amount at most'"
                    + " cannot be read as a condition on a claim's facts (Drools says: no viable alternative at input '=')");
        });
    }

    @Test
    void aConditionOnAFieldClaimsDoNotHaveIsReportedAtItsCodeCell() {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(8).getCell(6).setCellValue("claimAmount <= $param"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G9");
            assertThat(problem.message()).isEqualTo("The condition 'claimAmount <= $param' of column 'Amount at most'"
                    + " reads 'claimAmount', which is not a fact of a claim; check the spelling");
        });
    }

    private static List<PolicyProblem> problemsOf(Consumer<Sheet> change) {
        byte[] table = DecisionTableWorkbook.edited(PolicyFixtures.shippedClaimsTable(), workbook -> change.accept(workbook.getSheet("Claims")));
        return catchThrowableOfType(PolicyCompilationException.class,
                () -> new PolicyCompiler().compile(PolicyFixtures.shippedWithClaimsTable(table))).problems();
    }
}
