package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Formulas in a decision table become their values; one that cannot be computed is an error at its cell, and a
 * crafted one cannot make validation hang or fill the heap.
 */
class FormulaCellsTest {

    private static final PolicyValidator VALIDATOR = new PolicyValidator();

    @Test
    void aFormulaReadingAWholeSheetIsRefusedAtItsCellWithoutBeingComputed() {
        ValidationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> validate(sheet -> formula(sheet, "G11", "SUM(A1:XFD1048576)")));

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).startsWith("The formula =SUM(A1:XFD1048576) cannot be computed:")
                    .contains("read more than 1000000 cells");
        });
    }

    @Test
    void tensOfThousandsOfFormulasWithoutValuesAreRefusedBeforeAnyIsComputed() {
        ValidationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validate(sheet -> {
            Sheet workings = sheet.getWorkbook().createSheet("Workings");
            for (int r = 0; r < 4_000; r++) {
                for (int c = 0; c < 5; c++) {
                    formula(workings, new org.apache.poi.ss.util.CellReference(r, c).formatAsString(), "1+1");
                }
            }
        }));

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.sheet()).isEqualTo("Workings");
            assertThat(problem.message()).startsWith("The workbook has 20000 formulas saved without their values, from this"
                    + " one on more than the 10000 that are computed");
        });
    }

    @Test
    void aFunctionWhoseReachCannotBeCountedIsRefused() {
        ValidationReport report = validate(sheet -> formula(sheet, "G11", "SUM(INDIRECT(\"A1:XFD1048576\"))"));

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).contains("the function INDIRECT is not supported in a decision table");
        });
    }

    @Test
    void aFormulaReadingAnotherWorkbookIsAnErrorAtItsCellSayingSo() {
        ValidationReport report = validate(sheet -> formula(sheet, "G11", "[1]Prices!A1"));

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).startsWith("The formula =[1]Prices!A1 cannot be computed:")
                    .contains("another workbook (an external link)");
        });
    }

    @Test
    void aFunctionPoiCannotComputeIsNamedAtItsCell() {
        ValidationReport report = validate(sheet -> formula(sheet, "G11", "WEBSERVICE(\"http://127.0.0.1:9/cap\")"));

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).contains("WEBSERVICE");
        });
    }

    @Test
    void aStoredErrorValueIsAnErrorAtItsCell() {
        ValidationReport report = validate(sheet -> {
            formula(sheet, "G11", "1/0");
            XSSFCell cell = cell(sheet, "G11");
            cell.getCTCell().setT(org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellType.E);
            cell.getCTCell().setV("#DIV/0!");
        });

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).isEqualTo("The formula =1/0 gives the error #DIV/0!: correct it, or type the value");
        });
    }

    @Test
    void aLongChainOfFormulasReadingDownwardsIsComputed() {
        ValidationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validate(sheet -> {
            // G11 = Workings!A1, A1 = A2, … A4899 = A4900, which holds 150: thousands of formulas deep.
            Sheet workings = sheet.getWorkbook().createSheet("Workings");
            for (int r = 1; r < 4_900; r++) {
                formula(workings, "A" + r, "A" + (r + 1));
            }
            row(workings, 4_899).createCell(0).setCellValue(150);
            formula(sheet, "G11", "Workings!A1");
        }));

        assertThat(report.problems()).isEmpty();
        assertThat(report.scenarios().failed()).isZero();
    }

    @Test
    void aLongChainOfFormulasReadingUpwardsIsComputedOrRefusedAtItsCellButNeverCrashesOrHangsValidation() {
        ValidationReport report = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validate(sheet -> {
            // G11 = Workings!A4900, A4900 = A4899, … A2 = A1, which holds 150: the order that recurses deepest.
            Sheet workings = sheet.getWorkbook().createSheet("Workings");
            row(workings, 0).createCell(0).setCellValue(150);
            for (int r = 2; r <= 4_900; r++) {
                formula(workings, "A" + r, "A" + (r - 1));
            }
            formula(sheet, "G11", "Workings!A4900");
        }));

        // How deep the stack lets POI go depends on the JVM; whichever happens, it is said at one cell.
        if (report.valid()) {
            assertThat(report.scenarios().failed()).isZero();
        } else {
            assertThat(report.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                    .contains("depends on too long a chain of other formulas"));
        }
    }

    private static ValidationReport validate(Consumer<Sheet> change) {
        byte[] table = DecisionTableWorkbook.edited(PolicyFixtures.shippedClaimsTable(), workbook -> change.accept(workbook.getSheet("Claims")));
        return VALIDATOR.validate(PolicyFixtures.shippedWithClaimsTable(table)).report();
    }

    /** Writes the formula text as a file would hold it, with no stored value and without POI parsing it first. */
    private static void formula(Sheet sheet, String ref, String formula) {
        XSSFCell cell = cell(sheet, ref);
        cell.setBlank();
        cell.getCTCell().addNewF().setStringValue(formula);
        if (cell.getCTCell().isSetV()) {
            cell.getCTCell().unsetV();
        }
    }

    private static XSSFCell cell(Sheet sheet, String ref) {
        org.apache.poi.ss.util.CellReference at = new org.apache.poi.ss.util.CellReference(ref);
        Row row = row(sheet, at.getRow());
        return (XSSFCell) (row.getCell(at.getCol()) == null ? row.createCell(at.getCol()) : row.getCell(at.getCol()));
    }

    private static Row row(Sheet sheet, int index) {
        return sheet.getRow(index) == null ? sheet.createRow(index) : sheet.getRow(index);
    }
}
