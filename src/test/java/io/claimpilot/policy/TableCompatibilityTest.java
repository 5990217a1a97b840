package io.claimpilot.policy;

import io.claimpilot.facts.TestFacts;
import org.apache.poi.util.LocaleUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.claimpilot.message.RulesFolderValidator;
import io.claimpilot.support.RulesFolderResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped claims table saved by the tools analysts use (fixtures in src/test/resources/tables, made by the
 * make-fixtures.sh there): each is valid and passes every shipped scenario, like the file Excel saves.
 */
class TableCompatibilityTest {

    private static final Path FIXTURES = Path.of("src/test/resources/tables");
    private static final PolicyValidator VALIDATOR = new PolicyValidator();

    @ParameterizedTest
    @ValueSource(strings = {"libreoffice.xlsx", "openpyxl.xlsx", "inline-strings.xlsx", "formula-with-value.xlsx",
            "formula-without-value.xlsx", "numbers-as-numbers.xlsx", "numbers-as-text.xlsx"})
    void theShippedTableSavedByAnotherToolIsValidAndPassesTheScenarios(String fixture) throws IOException {
        ValidationReport report = VALIDATOR.validate(shippedWithClaimsTable(fixture)).report();

        assertThat(report.problems()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.rules()).hasSize(22);
        assertThat(report.scenarios().total()).isEqualTo(31);
        assertThat(report.scenarios().failed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openpyxl.xlsx", "numbers-as-numbers.xlsx"})
    void reasonsComputedFromTheParametersShowTheCapWithADecimalPointWhateverTheServersLocale(String fixture) throws IOException {
        // These files store no formula values: POI computes TEXT(cancellation_cap,"0.00"), in its user locale.
        Locale before = LocaleUtil.getUserLocale();
        LocaleUtil.setUserLocale(Locale.FRANCE);
        try {
            CompiledPolicy policy = VALIDATOR.validate(shippedWithClaimsTable(fixture)).compiled();

            assertThat(policy.evaluate(TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("150.00").build()).reasons())
                    .containsExactly("Cancelled before shipment, within the 150.00 EUR automatic refund cap");
        } finally {
            LocaleUtil.setUserLocale(before);
        }
    }

    @Test
    void openpyxlWritesNoCoveredCellsOfTheMergedFactTypeCell() throws IOException {
        // What makes the openpyxl fixture a test of the merge: D8..L8 are not in the file at all.
        String sheet = sheetXml("openpyxl.xlsx");
        assertThat(sheet).contains("<mergeCell ref=\"C8:L8\"/>").contains("r=\"C8\"").doesNotContain("r=\"D8\"");
        assertThat(sheetXml("libreoffice.xlsx")).contains("r=\"D8\"");
    }

    @Test
    void theFormulaFixturesHoldTheFormulaWithAndWithoutItsValue() throws IOException {
        assertThat(sheetXml("formula-without-value.xlsx")).contains("<c r=\"G11\"><f>100+50</f><v></v></c>");
        assertThat(sheetXml("formula-with-value.xlsx")).containsPattern("<c r=\"G11\"[^>]*><f[^>]*>100\\+50</f><v>150</v></c>");
        assertThat(sheetXml("inline-strings.xlsx")).contains("t=\"inlineStr\"").doesNotContain("t=\"s\"");
        assertThat(sheetXml("numbers-as-numbers.xlsx")).containsPattern("<c r=\"H13\" t=\"b\"><v>1</v></c>");
        assertThat(xml("numbers-as-numbers.xlsx", "xl/worksheets/sheet2.xml")).contains("<c r=\"B2\" s=\"2\" t=\"n\"><v>150</v></c>");
        // The shipped caps are formulas reading the Parameters sheet; openpyxl keeps them and stores no value.
        assertThat(sheetXml("openpyxl.xlsx")).contains("<c r=\"G11\"><f>cancellation_cap</f><v></v></c>");
    }

    @Test
    void aFrenchDecimalCommaIsAnErrorAtItsCellThatSuggestsThePoint() throws IOException {
        ValidationReport report = VALIDATOR.validate(shippedWithClaimsTable("french-decimal-comma.xlsx")).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("claims.xlsx");
            assertThat(problem.sheet()).isEqualTo("Claims");
            assertThat(problem.cell()).isEqualTo("G11");
            assertThat(problem.message()).isEqualTo("Column 'Amount at most': '150,00' is not a number;"
                    + " write the decimals after a point: 150.00");
        });
    }

    @Test
    void aLibreOfficeSpreadsheetInTheRulesFolderIsReportedAskingForXlsx(@TempDir Path temp) throws IOException {
        Path rules = temp.resolve("rules");
        RulesFolderResource.copyFolder(Path.of("rules"), rules);
        Files.write(rules.resolve("refunds.ods"), new byte[] {'P', 'K', 3, 4});

        ValidationReport report = new RulesFolderValidator().validate(rules).report();

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("refunds.ods");
            assertThat(problem.message()).isEqualTo("'refunds.ods' is a LibreOffice (OpenDocument) spreadsheet, which"
                    + " cannot be read: save it as .xlsx (File > Save As > Excel 2007-365) and upload that");
        });
    }

    private static PolicySource shippedWithClaimsTable(String fixture) throws IOException {
        return PolicyFixtures.shippedWithClaimsTable(Files.readAllBytes(FIXTURES.resolve(fixture)));
    }

    private static String sheetXml(String fixture) throws IOException {
        return xml(fixture, "xl/worksheets/sheet1.xml");
    }

    private static String xml(String fixture, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(FIXTURES.resolve(fixture).toFile())) {
            return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
