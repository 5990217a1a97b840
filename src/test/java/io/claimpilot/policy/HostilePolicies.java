package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.claimpilot.policy.DecisionTableWorkbook.STARTING_POLICY;

/**
 * The corpus of hostile policies: each DRL file in src/test/resources/hostile-policies marks the line that must be
 * refused ("refused here") and says with what words; two decision tables hide System.exit in a Functions cell and in
 * an action cell.
 */
final class HostilePolicies {

    static final Path FOLDER = Path.of("src/test/resources/hostile-policies");
    private static final Pattern EXPECTED = Pattern.compile("refused with \"(.*)\"");

    /** One hostile file, and where and how it must be refused. */
    record Hostile(PolicyFile file, Integer line, String sheet, String cell, String words) {
        @Override
        public String toString() {
            return file.name();
        }
    }

    private HostilePolicies() {
    }

    static Stream<Hostile> all() {
        List<Hostile> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path path : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(path);
                Matcher expected = EXPECTED.matcher(lines.get(0));
                if (!expected.find()) {
                    throw new IllegalStateException(path + " does not say how it must be refused");
                }
                int line = 0;
                while (!lines.get(line).contains("// refused here")) {
                    line++;
                }
                all.add(new Hostile(new PolicyFile(path.getFileName().toString(), Files.readAllBytes(path)), line + 1, null, null,
                        expected.group(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.add(new Hostile(new PolicyFile("functions-cell.xlsx", withFunctionsCell(
                "function void shutDown() { System.exit(0); }")), null, "Claims", "C4", "calls System.exit"));
        // Drools escapes quotes in a quoted "$param", so the action cell that can call anything is one whose code is $param itself.
        List<DecisionTableWorkbook.Column> columns = new ArrayList<>(DecisionTableWorkbook.CLAIM_COLUMNS);
        columns.add(new DecisionTableWorkbook.Column("ACTION", "$param", "Also do"));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : STARTING_POLICY) {
            List<String> extended = new ArrayList<>(row);
            extended.add(rows.isEmpty() ? "System.exit(0);" : "");
            rows.add(extended);
        }
        all.add(new Hostile(new PolicyFile("action-cell.xlsx", DecisionTableWorkbook.write("io.claimpilot.rules.claims",
                "Claims policy", columns, rows, true)), null, "Claims", "Q11", "calls System.exit"));
        return all.stream();
    }

    /** The shipped claims table with a Functions cell in the RuleSet settings (where the Notes are). */
    static byte[] withFunctionsCell(String functions) {
        byte[] table = DecisionTableWorkbook.claimsTable(STARTING_POLICY);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(table))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row notes = sheet.getRow(3);
            notes.getCell(1).setCellValue("Functions");
            notes.getCell(2).setCellValue(functions);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyFile drl(String name, String text) {
        return new PolicyFile(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
