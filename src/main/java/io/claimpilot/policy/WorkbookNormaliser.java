package io.claimpilot.policy;

import org.apache.poi.ss.formula.EvaluationName;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.formula.eval.NotImplementedFunctionException;
import org.apache.poi.ss.formula.ptg.AbstractFunctionPtg;
import org.apache.poi.ss.formula.ptg.Area3DPxg;
import org.apache.poi.ss.formula.ptg.AreaPtgBase;
import org.apache.poi.ss.formula.ptg.NamePtg;
import org.apache.poi.ss.formula.ptg.NameXPxg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.Ref3DPxg;
import org.apache.poi.ss.formula.ptg.RefPtgBase;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.LocaleUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes a workbook read the same whichever tool saved it, once, right after it is opened, so the linter, the cell
 * mapping and the Drools conversion all see the same values:
 * <ul>
 *     <li>every cell covered by a merged range gets the range's value (openpyxl, and so pandas, writes no covered cells,
 *     and Drools then reads no object type over the columns after the first);</li>
 *     <li>every formula becomes its value: the value the file stored when it has one (Excel and LibreOffice store it),
 *     otherwise POI computes it (openpyxl stores none). A formula that cannot be computed is an error at its cell.</li>
 * </ul>
 * Computing formulas of a hostile file is bounded: the cells all formulas read together are counted before anything
 * is computed, and functions whose reach cannot be counted beforehand are refused.
 */
final class WorkbookNormaliser {

    /**
     * How many cells all the formulas of one workbook may read together. A policy's formulas read a parameter each
     * (a few thousand cells at most); one SUM over a whole sheet reads 17 billion, which is what this refuses.
     */
    static final long MAX_CELLS_READ_BY_FORMULAS = 1_000_000;

    /** How many formulas saved without a value (openpyxl, pandas) are computed: a table has a few hundred at most. */
    static final int MAX_FORMULAS_COMPUTED = 10_000;

    /** Their references are computed while the formula runs, so what they read cannot be counted beforehand. */
    private static final Set<String> UNCOUNTABLE_FUNCTIONS = Set.of("INDIRECT", "OFFSET");

    /** How deep a defined name may refer to another before it is taken for a loop. */
    private static final int MAX_NAME_DEPTH = 8;

    /** Excel computes and shows 15 significant digits: =150*1.1 is 165 to an analyst, not 165.00000000000003. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final Workbook workbook;
    private final String fileName;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private long cellsRead;
    private boolean tooDeep;
    private XSSFEvaluationWorkbook parsing;

    private WorkbookNormaliser(Workbook workbook, String fileName) {
        this.workbook = workbook;
        this.fileName = fileName;
    }

    /** Normalises the workbook in place; the problems found, located at their cells (none when it can be read). */
    static List<PolicyProblem> normalise(Workbook workbook, String fileName) {
        WorkbookNormaliser normaliser = new WorkbookNormaliser(workbook, fileName);
        // POI formats TEXT(cap,"0.00") in this thread's locale: on a server set to French a reason would say 150,00.
        // English, as the table is read (TableGrid) and as the file stores the formula.
        Locale serverLocale = LocaleUtil.getUserLocale();
        LocaleUtil.setUserLocale(Locale.ENGLISH);
        try {
            normaliser.replaceFormulas();
        } finally {
            LocaleUtil.setUserLocale(serverLocale);
        }
        if (normaliser.problems.isEmpty()) {
            normaliser.fillMergedRanges();
        }
        return normaliser.problems;
    }

    private void replaceFormulas() {
        List<Cell> formulas = new ArrayList<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        formulas.add(cell);
                    }
                }
            }
        }
        List<Cell> uncomputed = formulas.stream().filter(cell -> cachedValue(cell) == null).toList();
        if (uncomputed.size() > MAX_FORMULAS_COMPUTED) {
            // Counted before computing any: each costs a parse and an evaluation, and a 5 MiB file holds 500,000.
            Cell first = uncomputed.get(MAX_FORMULAS_COMPUTED);
            error(first, "The workbook has " + uncomputed.size() + " formulas saved without their values, from this one on"
                    + " more than the " + MAX_FORMULAS_COMPUTED + " that are computed; open and save it in Excel or LibreOffice,"
                    + " which store the values, or type the values");
            return;
        }
        // Every value is found before any formula is removed: a formula may read another formula's cell. Last cell
        // first: a table's formulas mostly read cells above or beside them, so each finds what it reads computed.
        Map<Cell, CellValue> values = new LinkedHashMap<>();
        FormulaEvaluator evaluator = null;
        java.util.Collections.reverse(formulas);
        for (Cell cell : formulas) {
            if (cell.isPartOfArrayFormulaGroup()) {
                error(cell, "The array formula {=" + cell.getCellFormula() + "} cannot be used in a decision table:"
                        + " enter a plain formula or the value");
                continue;
            }
            CellValue value = cachedValue(cell);
            if (value == null && withinBudget(cell)) {
                evaluator = evaluator == null ? workbook.getCreationHelper().createFormulaEvaluator() : evaluator;
                value = evaluate(evaluator, cell);
                if (value == null && tooDeep) {
                    break; // each further formula of the chain would walk it again: once is enough to say so
                }
            }
            if (cellsRead > MAX_CELLS_READ_BY_FORMULAS) {
                break; // said at the formula that went over; the ones after it would only repeat it
            }
            if (value != null && value.getCellType() == CellType.ERROR) {
                error(cell, "The formula =" + cell.getCellFormula() + " gives the error "
                        + ErrorEval.getText(value.getErrorValue()) + ": correct it, or type the value");
            } else if (value != null) {
                values.put(cell, value);
            }
        }
        if (problems.isEmpty()) {
            values.forEach(WorkbookNormaliser::setValue);
        }
    }

    /** The value the saving tool stored with the formula, or null when it stored none (openpyxl never does). */
    private static CellValue cachedValue(Cell cell) {
        // openpyxl writes an empty <v/> rather than none: that is no value either.
        if (cell instanceof XSSFCell xssf && (!xssf.getCTCell().isSetV() || xssf.getCTCell().getV().isEmpty())) {
            return null;
        }
        return switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> new CellValue(cell.getNumericCellValue());
            case STRING -> new CellValue(cell.getStringCellValue());
            case BOOLEAN -> CellValue.valueOf(cell.getBooleanCellValue());
            case ERROR -> CellValue.getError(cell.getErrorCellValue());
            default -> null;
        };
    }

    private CellValue evaluate(FormulaEvaluator evaluator, Cell cell) {
        try {
            return evaluator.evaluate(cell);
        } catch (StackOverflowError e) {
            tooDeep = true;
            // Formulas that each read the next, thousands deep: refused rather than given a larger stack.
            error(cell, "The formula =" + cell.getCellFormula() + " depends on too long a chain of other formulas;"
                    + " type the value, or refer to the Parameters sheet directly");
        } catch (RuntimeException e) {
            error(cell, "The formula =" + cell.getCellFormula() + " cannot be computed: " + whyNot(e));
        }
        return null;
    }

    private static String whyNot(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NotImplementedFunctionException function) {
                return "the function " + function.getFunctionName() + " is not supported here; type the value instead";
            }
            if (cause instanceof FormulaParseException) {
                return PlainMessages.rootCause(cause);
            }
        }
        String message = PlainMessages.rootCause(e);
        if (message.toLowerCase(Locale.ROOT).contains("external workbook")) {
            return "it refers to another workbook (an external link), which is not part of the policy;"
                    + " copy the value, or put it on the Parameters sheet";
        }
        return message;
    }

    /**
     * Counts the cells the formula reads, through defined names too, against {@link #MAX_CELLS_READ_BY_FORMULAS};
     * refuses external links and the functions whose reach cannot be counted. False (with the problem) when it may not run.
     */
    private boolean withinBudget(Cell cell) {
        if (!(workbook instanceof XSSFWorkbook xssf)) {
            return true; // .xls files always store formula values: nothing is computed for them
        }
        parsing = parsing == null ? XSSFEvaluationWorkbook.create(xssf) : parsing;
        String refusal;
        try {
            Ptg[] tokens = FormulaParser.parse(cell.getCellFormula(), parsing, FormulaType.CELL,
                    workbook.getSheetIndex(cell.getSheet()), cell.getRowIndex());
            refusal = count(tokens, 0);
        } catch (FormulaParseException e) {
            refusal = PlainMessages.rootCause(e);
        }
        if (refusal == null && cellsRead > MAX_CELLS_READ_BY_FORMULAS) {
            refusal = "with it the workbook's formulas read more than " + MAX_CELLS_READ_BY_FORMULAS
                    + " cells, far more than a decision table needs; refer to single cells (the Parameters sheet) instead";
        }
        if (refusal != null) {
            error(cell, "The formula =" + cell.getCellFormula() + " cannot be computed: " + refusal);
            return false;
        }
        return true;
    }

    private String count(Ptg[] tokens, int depth) {
        for (Ptg token : tokens) {
            if (token instanceof Ref3DPxg ref && ref.getExternalWorkbookNumber() > 0
                    || token instanceof Area3DPxg area && area.getExternalWorkbookNumber() > 0
                    || token instanceof NameXPxg) {
                return "it refers to another workbook (an external link), which is not part of the policy;"
                        + " copy the value, or put it on the Parameters sheet";
            }
            if (token instanceof AbstractFunctionPtg function && UNCOUNTABLE_FUNCTIONS.contains(function.getName())) {
                return "the function " + function.getName() + " is not supported in a decision table;"
                        + " refer to the cell directly, or type the value";
            }
            if (token instanceof AreaPtgBase area) {
                cellsRead += (long) (area.getLastRow() - area.getFirstRow() + 1) * (area.getLastColumn() - area.getFirstColumn() + 1);
            } else if (token instanceof NamePtg name) {
                if (depth >= MAX_NAME_DEPTH) {
                    return "its defined names refer to each other more than " + MAX_NAME_DEPTH + " deep";
                }
                EvaluationName defined = parsing.getName(name);
                String refusal = defined == null || !defined.hasFormula() ? null : count(defined.getNameDefinition(), depth + 1);
                if (refusal != null) {
                    return refusal;
                }
            } else if (token instanceof RefPtgBase) {
                cellsRead++;
            }
        }
        return null;
    }

    private static void setValue(Cell cell, CellValue value) {
        cell.removeFormula();
        switch (value.getCellType()) {
            case NUMERIC -> cell.setCellValue(new BigDecimal(Double.toString(value.getNumberValue())).round(EXCEL_PRECISION).doubleValue());
            case STRING -> cell.setCellValue(value.getStringValue());
            case BOOLEAN -> cell.setCellValue(value.getBooleanValue());
            default -> cell.setBlank();
        }
    }

    /** Covered cells get the value of their range's first cell, as Excel and LibreOffice write them. */
    private void fillMergedRanges() {
        PolicyLimits limits = PolicyLimits.current();
        for (Sheet sheet : workbook) {
            for (CellRangeAddress range : sheet.getMergedRegions()) {
                if (range.getLastRow() >= limits.maxRows() || range.getLastColumn() >= limits.maxColumns()) {
                    // Filling it would create the cells its size promises: refused instead, like a sheet that large.
                    problems.add(new PolicyProblem(fileName, sheet.getSheetName(), range.formatAsString(), null,
                            PolicyProblem.Severity.ERROR, "The merged range " + range.formatAsString() + " reaches past the "
                            + limits.maxRows() + " rows and " + limits.maxColumns() + " columns a decision table may have"));
                    continue;
                }
                Row firstRow = sheet.getRow(range.getFirstRow());
                Cell first = firstRow == null ? null : firstRow.getCell(range.getFirstColumn());
                for (int r = range.getFirstRow(); r <= range.getLastRow(); r++) {
                    Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
                    for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
                        if (r != range.getFirstRow() || c != range.getFirstColumn()) {
                            copy(first, row.getCell(c) == null ? row.createCell(c) : row.getCell(c));
                        }
                    }
                }
            }
        }
    }

    private static void copy(Cell from, Cell to) {
        if (from == null) {
            to.setBlank();
            return;
        }
        to.setCellStyle(from.getCellStyle());
        switch (from.getCellType()) {
            case NUMERIC -> to.setCellValue(from.getNumericCellValue());
            case STRING -> to.setCellValue(from.getStringCellValue());
            case BOOLEAN -> to.setCellValue(from.getBooleanCellValue());
            default -> to.setBlank();
        }
    }

    private void error(Cell cell, String message) {
        problems.add(new PolicyProblem(fileName, cell.getSheet().getSheetName(), TableGrid.ref(cell.getRowIndex(), cell.getColumnIndex()),
                null, PolicyProblem.Severity.ERROR, message));
    }
}
