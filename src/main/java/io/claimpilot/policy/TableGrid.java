package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A decision table sheet as a grid of text, with merged ranges, so it can be checked the way an analyst reads it.
 * Reads .xlsx / .xls through POI and .csv with the usual quoting rules.
 */
final class TableGrid {

    final String sheet;
    private final List<List<String>> rows;
    private final List<CellRangeAddress> merged;

    private TableGrid(String sheet, List<List<String>> rows, List<CellRangeAddress> merged) {
        this.sheet = sheet;
        this.rows = rows;
        this.merged = merged;
    }

    /** Every sheet of a workbook, or the one sheet of a CSV file. */
    static List<TableGrid> read(PolicyFile file) {
        if (file.kind() == PolicyFile.Kind.CSV) {
            List<List<String>> rows = parseCsv(new String(file.content(), StandardCharsets.UTF_8));
            tooLarge(PolicyLimits.current().tableTooLarge(null, rows.size(),
                    rows.stream().mapToInt(List::size).max().orElse(0)));
            return List.of(new TableGrid(null, rows, List.of()));
        }
        try (Workbook workbook = open(file)) {
            return read(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens an analyst's workbook, the one way every workbook is opened: with POI's zip-bomb protection in force
     * ({@link PolicyLimits}, so an entry that inflates too far is refused before it is expanded), within the row and
     * column limits, and normalised ({@link WorkbookNormaliser}: merged ranges filled, formulas replaced by their
     * values), so that whatever reads it next (linter, cell mapping, Drools) sees the same values.
     *
     * @throws PolicyCompilationException with the located problems when a formula cannot be computed
     */
    static Workbook open(PolicyFile file) throws IOException {
        PolicyLimits.current().protectWorkbooks();
        Workbook workbook;
        try {
            workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()));
        } catch (IOException | RuntimeException e) {
            String message = PlainMessages.rootCause(e);
            if (message.contains("Zip bomb") || message.contains("max entry size") || message.contains("exceeds the max")) {
                // POI's message names its own settings; the analyst needs to know the file was refused and why.
                throw new IllegalArgumentException("The workbook expands to far more data than its size when it is opened"
                        + " (a compressed 'zip bomb', or an oversized sheet) and was not read; save it again as a normal .xlsx");
            }
            throw e;
        }
        try {
            checkSize(workbook);
            List<PolicyProblem> problems = WorkbookNormaliser.normalise(workbook, file.name());
            if (!problems.isEmpty()) {
                throw new PolicyCompilationException(problems);
            }
            return workbook;
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /** Before anything is normalised: filling or computing cells of an oversized sheet is work the limits exist to avoid. */
    private static void checkSize(Workbook workbook) {
        PolicyLimits limits = PolicyLimits.current();
        for (Sheet sheet : workbook) {
            tooLarge(limits.tableTooLarge(sheet.getSheetName(), sheet.getLastRowNum() + 1, 0));
            for (Row row : sheet) {
                tooLarge(limits.tableTooLarge(sheet.getSheetName(), 0, row.getLastCellNum()));
            }
        }
    }

    /** Every sheet of a workbook {@link #open(PolicyFile) opened} here. */
    static List<TableGrid> read(Workbook workbook) {
        // As Drools' ExcelParser formats cells: English, whatever the server's locale. One per read: it is not thread-safe.
        DataFormatter formatter = new DataFormatter(Locale.ENGLISH);
        List<TableGrid> grids = new ArrayList<>();
        for (Sheet sheet : workbook) {
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : text(cell, formatter));
                    }
                }
                rows.add(cells);
            }
            grids.add(new TableGrid(sheet.getSheetName(), rows, sheet.getMergedRegions()));
        }
        return grids;
    }

    /**
     * A cell's text as Drools' ExcelParser turns it into rule text, so what the linter checks is what the rules get:
     * booleans in lower case, a fraction as Java prints it, a whole number as the cell's format shows it.
     */
    private static String text(Cell cell, DataFormatter formatter) {
        return switch (cell.getCellType()) {
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            case NUMERIC -> {
                double number = cell.getNumericCellValue();
                yield DateUtil.isCellDateFormatted(cell) || number == Math.rint(number)
                        ? formatter.formatCellValue(cell).strip() : String.valueOf(number);
            }
            default -> formatter.formatCellValue(cell).strip();
        };
    }

    /** A table over the row or column limit is not read further: the compiler reports the message against the file. */
    private static void tooLarge(String message) {
        if (message != null) {
            throw new IllegalArgumentException(message);
        }
    }

    String get(int row, int column) {
        if (row < 0 || row >= rows.size() || column < 0 || column >= rows.get(row).size()) {
            return "";
        }
        String value = rows.get(row).get(column);
        return value == null ? "" : value;
    }

    int rowCount() {
        return rows.size();
    }

    int columnCount(int row) {
        return row < rows.size() ? rows.get(row).size() : 0;
    }

    /** True when the cell lies inside a merged range that starts at an earlier column of the same row. */
    boolean mergedFromLeft(int row, int column) {
        return merged.stream().anyMatch(range -> range.isInRange(row, column) && range.getFirstColumn() < column);
    }

    static String ref(int row, int column) {
        return new CellReference(row, column).formatAsString(false);
    }

    static List<List<String>> parseCsv(String input) {
        // Excel's "CSV UTF-8" starts with a byte-order mark.
        String text = input.startsWith("\uFEFF") ? input.substring(1) : input;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString().strip());
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString().strip());
            rows.add(row);
        }
        return rows;
    }
}
