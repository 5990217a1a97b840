package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aFactTypeThatIsNotOneIsReportedAtItsCell() throws IOException {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(7).getCell(2).setCellValue("ClaimFact"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("C8");
            assertThat(problem.message()).isEqualTo("The fact type 'ClaimFact' is not one a rule can read:"
                    + " conditions are written on ClaimFacts");
        });
    }

    @Test
    void aConditionThatCannotBeReadIsReportedAtItsCodeCell() throws IOException {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(8).getCell(6).setCellValue("claimedAmount <== $param"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G9");
            assertThat(problem.message()).isEqualTo("The condition 'claimedAmount <== $param' of column 'Amount at most'"
                    + " cannot be read as a condition on a claim's facts (Drools says: no viable alternative at input '=')");
        });
    }

    @Test
    void aConditionOnAFieldClaimsDoNotHaveIsReportedAtItsCodeCell() throws IOException {
        List<PolicyProblem> problems = problemsOf(sheet -> sheet.getRow(8).getCell(6).setCellValue("claimAmount <= $param"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G9");
            assertThat(problem.message()).isEqualTo("The condition 'claimAmount <= $param' of column 'Amount at most'"
                    + " reads 'claimAmount', which is not a fact of a claim; check the spelling");
        });
    }

    private static List<PolicyProblem> problemsOf(Consumer<Sheet> change) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(Path.of("rules/claims.xlsx")));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            change.accept(workbook.getSheet("Claims"));
            workbook.write(out);
            PolicyFile guardrails = new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));
            return catchThrowableOfType(PolicyCompilationException.class, () -> new PolicyCompiler()
                    .compile(new PolicySource(List.of(guardrails, new PolicyFile("claims.xlsx", out.toByteArray()))))).problems();
        }
    }
}
