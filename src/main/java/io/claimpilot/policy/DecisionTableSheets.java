package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Small look-ups in a spreadsheet, to point analysts at the right sheet. */
final class DecisionTableSheets {

    private DecisionTableSheets() {
    }

    /** The name of the first sheet that holds a RuleTable, or the first sheet. */
    static String ruleSheetName(Workbook workbook) {
        for (Sheet sheet : workbook) {
            if (holdsRuleTable(sheet)) {
                return sheet.getSheetName();
            }
        }
        return workbook.getNumberOfSheets() > 0 ? workbook.getSheetName(0) : null;
    }

    private static boolean holdsRuleTable(Sheet sheet) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().strip().startsWith("RuleTable")) {
                    return true;
                }
            }
        }
        return false;
    }
}
