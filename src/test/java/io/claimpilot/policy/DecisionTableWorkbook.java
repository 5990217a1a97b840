package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes Drools decision tables as .xlsx, laid out the way analysts see them in rules/claims.xlsx.
 * Tests use it for broken and generated tables; {@link #main} rewrites the shipped claims.xlsx.
 */
public final class DecisionTableWorkbook {

    public static final String IMPORTS = "io.claimpilot.facts.ClaimFacts, io.claimpilot.decision.DecisionAction";
    public static final String VARIABLES = "io.claimpilot.decision.PolicyOutcome outcome";

    /** The columns of the shipped claims table: keyword, code snippet and the header analysts read. */
    public static final List<Column> CLAIM_COLUMNS = List.of(
            new Column("CONDITION", "reason == \"$param\"", "Reason"),
            new Column("CONDITION", "fulfillment == \"$param\"", "Fulfillment"),
            new Column("CONDITION", "currency == \"$param\"", "Currency"),
            new Column("CONDITION", "claimedAmount > $param", "Amount above"),
            new Column("CONDITION", "claimedAmount <= $param", "Amount at most"),
            new Column("CONDITION", "allItemsInStock == $param", "All items in stock"),
            new Column("CONDITION", "hasPhoto == $param", "Photo provided"),
            new Column("CONDITION", "exchangeRequested == $param", "Exchange asked"),
            new Column("CONDITION", "replacementSamePrice == $param", "Replacement same price"),
            new Column("CONDITION", "replacementInStock == $param", "Replacement in stock"),
            new Column("ACTION", "outcome.decide(DecisionAction.$param);", "Action"),
            new Column("ACTION", "outcome.setDeadlineHours($param);", "Evidence deadline (hours)"),
            new Column("ACTION", "outcome.setMessageKey(\"$param\");", "Customer message"),
            new Column("ACTION", "outcome.explain(\"$param\");", "Why"));

    /** The merchant's starting policy, one row per case. Empty cells mean "any". */
    public static final List<List<String>> STARTING_POLICY = List.of(
            row("Cancelled before shipment, up to the cap: refund",
                    "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "", "150.00", "", "", "", "", "",
                    "REFUND", "", "refund-issued", "Cancelled before shipment, within the 150.00 EUR automatic refund cap"),
            row("Cancelled before shipment, above the cap: review",
                    "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "150.00", "", "", "", "", "", "",
                    "HUMAN_REVIEW", "", "under-review", "Amount above the 150.00 EUR cap for automatic refunds"),
            row("Returned parcel, every item in stock: reship",
                    "RETURN_SCANNED", "", "", "", "", "true", "", "", "", "",
                    "RESHIP", "", "reshipment-on-its-way", "Returned parcel scanned and every item is in stock"),
            row("Returned parcel, an item out of stock: review",
                    "RETURN_SCANNED", "", "", "", "", "false", "", "", "", "",
                    "HUMAN_REVIEW", "", "under-review", "Returned parcel scanned but not every item is in stock"),
            row("Damaged without a photo: ask for one",
                    "DAMAGED", "", "", "", "", "", "false", "", "", "",
                    "REQUEST_EVIDENCE", "48", "photo-requested", "Damaged product reported without a photo"),
            row("Damaged with a photo, up to the cap, in stock: reship",
                    "DAMAGED", "", "EUR", "", "50.00", "true", "true", "false", "", "",
                    "RESHIP", "", "reshipment-on-its-way", "Damaged product with a photo, within the 50.00 EUR cap, in stock"),
            row("Damaged with a photo, up to the cap, out of stock: refund",
                    "DAMAGED", "", "EUR", "", "50.00", "false", "true", "false", "", "",
                    "REFUND", "", "refund-issued", "Damaged product with a photo, within the 50.00 EUR cap, out of stock"),
            row("Damaged with a photo, above the cap: review",
                    "DAMAGED", "", "EUR", "50.00", "", "", "true", "false", "", "",
                    "HUMAN_REVIEW", "", "under-review", "Damaged product above the 50.00 EUR cap for automatic handling"),
            row("Wrong item, exchange at the same price, in stock: exchange",
                    "WRONG_ITEM", "", "", "", "", "", "", "true", "true", "true",
                    "EXCHANGE", "", "exchange-on-its-way", "Wrong item received; the variant asked for costs the same and is in stock"),
            row("Wrong item, exchange at another price: review",
                    "WRONG_ITEM", "", "", "", "", "", "", "true", "false", "",
                    "HUMAN_REVIEW", "", "under-review", "Exchange asked, but the variant's price differs or is unknown"),
            row("Wrong item, exchange out of stock: review",
                    "WRONG_ITEM", "", "", "", "", "", "", "true", "", "false",
                    "HUMAN_REVIEW", "", "under-review", "Exchange asked, but the variant is not in stock"),
            row("Damaged with a photo, exchange at the same price, in stock: exchange",
                    "DAMAGED", "", "", "", "", "", "true", "true", "true", "true",
                    "EXCHANGE", "", "exchange-on-its-way", "Damaged product with a photo; the variant asked for costs the same and is in stock"),
            row("Damaged with a photo, exchange at another price: review",
                    "DAMAGED", "", "", "", "", "", "true", "true", "false", "",
                    "HUMAN_REVIEW", "", "under-review", "Exchange asked, but the variant's price differs or is unknown"),
            row("Damaged with a photo, exchange out of stock: review",
                    "DAMAGED", "", "", "", "", "", "true", "true", "", "false",
                    "HUMAN_REVIEW", "", "under-review", "Exchange asked, but the variant is not in stock"));

    /** A row of a Parameters sheet. */
    public record Parameter(String name, String value, String meaning) {
    }

    /** The shipped claims table's caps and deadline, which its cells read by name. */
    public static final List<Parameter> SHIPPED_PARAMETERS = List.of(
            new Parameter("cancellation_cap", "150.00", "Largest order cancelled before shipment that is refunded automatically (EUR)"),
            new Parameter("damaged_photo_cap", "50.00", "Largest damaged product, with a photo, reshipped or refunded automatically (EUR)"),
            new Parameter("photo_deadline_hours", "48", "Hours a customer has to send a photo of a damaged product"));

    private static final int AMOUNT_ABOVE = 4;
    private static final int AMOUNT_AT_MOST = 5;
    private static final int DEADLINE = 12;
    private static final int WHY = 14;

    /** The shipped caps, by the parameter that holds each. */
    private static final Map<String, String> CAP_PARAMETERS = Map.of("150.00", "cancellation_cap", "50.00", "damaged_photo_cap");
    /** A cap named in a reason: 150.00 or 50.00, and not the end of 150.00. */
    private static final Pattern CAP_IN_TEXT = Pattern.compile("(?<![\\d.])(150\\.00|50\\.00)(?![\\d])");

    /**
     * {@link #STARTING_POLICY} as shipped: its caps and deadline are formulas reading {@link #SHIPPED_PARAMETERS}, and so
     * are the reasons that name a cap, so that a changed cap changes what the decisions say too.
     */
    public static final List<List<String>> SHIPPED_POLICY = STARTING_POLICY.stream().map(row -> {
        List<String> cells = new ArrayList<>(row);
        for (int c : new int[]{AMOUNT_ABOVE, AMOUNT_AT_MOST}) {
            String parameter = CAP_PARAMETERS.get(cells.get(c));
            cells.set(c, parameter == null ? cells.get(c) : "=" + parameter);
        }
        cells.set(DEADLINE, cells.get(DEADLINE).equals("48") ? "=photo_deadline_hours" : cells.get(DEADLINE));
        cells.set(WHY, namingParameters(cells.get(WHY)));
        return List.copyOf(cells);
    }).toList();

    /**
     * The text as a formula that reads each cap it names from its parameter, shown with two decimals as typed
     * ({@code ="… within the "&TEXT(cancellation_cap,"0.00")&" EUR …"}); the text itself when it names none.
     */
    static String namingParameters(String text) {
        Matcher cap = CAP_IN_TEXT.matcher(text);
        StringBuilder formula = new StringBuilder("=");
        int from = 0;
        while (cap.find()) {
            formula.append(excelString(text.substring(from, cap.start())))
                    .append("&TEXT(").append(CAP_PARAMETERS.get(cap.group(1))).append(",\"0.00\")&");
            from = cap.end();
        }
        return from == 0 ? text : formula.append(excelString(text.substring(from))).toString();
    }

    /** A text as an Excel string literal: in quotes, a quote inside doubled. */
    static String excelString(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** The shipped claims table with these parameter values (its cells read them from the Parameters sheet). */
    public static byte[] shippedClaimsTable(List<Parameter> parameters) {
        return write("io.claimpilot.rules.claims", "Claims policy", CLAIM_COLUMNS, SHIPPED_POLICY, true, parameters);
    }

    /** The shipped parameters with one value changed. */
    public static List<Parameter> shippedParametersWith(String name, String value) {
        return SHIPPED_PARAMETERS.stream()
                .map(parameter -> parameter.name().equals(name) ? new Parameter(name, value, parameter.meaning()) : parameter)
                .toList();
    }

    /** The columns of the shipped non-delivery table. */
    public static final List<Column> NON_DELIVERY_COLUMNS = List.of(
            new Column("CONDITION", "reason == \"$param\"", "Reason"),
            new Column("CONDITION", "trackingStatus == \"$param\"", "Tracking says"),
            new Column("CONDITION", "trackingStatus != \"$param\"", "Tracking does not say"),
            new Column("CONDITION", "daysSinceShipped > $param", "Days since shipping above"),
            new Column("CONDITION", "allItemsInStock == $param", "All items in stock"),
            new Column("ACTION", "outcome.decide(DecisionAction.$param);", "Action"),
            new Column("ACTION", "outcome.setMessageKey(\"$param\");", "Customer message"),
            new Column("ACTION", "outcome.explain(\"$param\");", "Why"));

    /** Parcels the customer says never arrived. */
    public static final List<List<String>> NON_DELIVERY_POLICY = List.of(
            row("Not received but tracking says delivered: review",
                    "NOT_RECEIVED", "DELIVERED", "", "", "",
                    "HUMAN_REVIEW", "under-review", "The customer says the parcel never arrived, but tracking says it was delivered"),
            row("Not received, more than 10 days after shipping, in stock: reship",
                    "NOT_RECEIVED", "", "DELIVERED", "10", "true",
                    "RESHIP", "reshipment-on-its-way", "Not delivered more than 10 days after shipping, and every item is in stock"),
            row("Not received, more than 10 days after shipping, out of stock: review",
                    "NOT_RECEIVED", "", "DELIVERED", "10", "false",
                    "HUMAN_REVIEW", "under-review", "Not delivered more than 10 days after shipping, but not every item is in stock"));

    private DecisionTableWorkbook() {
    }

    public static byte[] nonDeliveryTable(List<List<String>> rows) {
        return write("io.claimpilot.rules.nondelivery", "Non-delivery", NON_DELIVERY_COLUMNS, rows, true);
    }

    public record Column(String keyword, String code, String header) {
    }

    public static List<String> row(String... cells) {
        return List.of(cells);
    }

    /**
     * The shipped claims table, with other rows. Row lists start with the rule name. A row written before the exchange
     * columns existed (name, seven conditions, four actions) gets them empty ("any"), so older tests keep their rows.
     */
    public static byte[] claimsTable(List<List<String>> rows) {
        return write("io.claimpilot.rules.claims", "Claims policy", CLAIM_COLUMNS, rows.stream()
                .map(DecisionTableWorkbook::withExchangeColumns).toList(), true);
    }

    private static final int COLUMNS_BEFORE_EXCHANGES = 1 + 7;
    private static final int EXCHANGE_COLUMNS = 3;

    static List<String> withExchangeColumns(List<String> row) {
        if (row.size() != CLAIM_COLUMNS.size() + 1 - EXCHANGE_COLUMNS) {
            return row;
        }
        List<String> widened = new ArrayList<>(row.subList(0, COLUMNS_BEFORE_EXCHANGES));
        widened.addAll(List.of("", "", ""));
        widened.addAll(row.subList(COLUMNS_BEFORE_EXCHANGES, row.size()));
        return widened;
    }

    public static byte[] write(String ruleSet, String tableName, List<Column> columns, List<List<String>> rows,
                               boolean mergeObjectTypeCell) {
        return write(ruleSet, tableName, columns, rows, mergeObjectTypeCell, List.of());
    }

    /**
     * With parameters, a Parameters sheet follows the table (Name, Value, Meaning), each parameter gets a defined name
     * of its own, and cells starting with "=" are formulas, stored with their values as Excel stores them.
     */
    public static byte[] write(String ruleSet, String tableName, List<Column> columns, List<List<String>> rows,
                               boolean mergeObjectTypeCell, List<Parameter> parameters) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(tableName.equals("Claims policy") ? "Claims" : tableName);
            CellStyle bold = boldStyle(workbook);
            if (!parameters.isEmpty()) {
                // Before the table: its formulas are parsed as they are set, and must find the names.
                Sheet sheet2 = workbook.createSheet(PolicyParameters.SHEET);
                set(sheet2, 0, 0, "Name", bold);
                set(sheet2, 0, 1, "Value", bold);
                set(sheet2, 0, 2, "Meaning", bold);
                for (int r = 0; r < parameters.size(); r++) {
                    Parameter parameter = parameters.get(r);
                    set(sheet2, r + 1, 0, parameter.name(), null);
                    set(sheet2, r + 1, 1, parameter.value(), null);
                    set(sheet2, r + 1, 2, parameter.meaning(), null);
                    Name name = workbook.createName();
                    name.setNameName(parameter.name());
                    name.setRefersToFormula(PolicyParameters.SHEET + "!$B$" + (r + 2));
                }
                sheet2.setColumnWidth(0, 7000);
                sheet2.setColumnWidth(1, 4000);
                sheet2.setColumnWidth(2, 24000);
            }
            set(sheet, 0, 1, "RuleSet", bold);
            set(sheet, 0, 2, ruleSet, null);
            set(sheet, 1, 1, "Import", bold);
            set(sheet, 1, 2, IMPORTS, null);
            set(sheet, 2, 1, "Variables", bold);
            set(sheet, 2, 2, VARIABLES, null);
            set(sheet, 3, 1, "Notes", bold);
            set(sheet, 3, 2, "One row per case. An empty cell means 'any'. A claim no row decides goes to a person.", null);

            int top = 5;
            set(sheet, top, 1, "RuleTable " + tableName, bold);
            set(sheet, top + 1, 1, "NAME", bold);
            int conditions = 0;
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                set(sheet, top + 1, 2 + i, column.keyword(), bold);
                set(sheet, top + 3, 2 + i, column.code(), null);
                set(sheet, top + 4, 2 + i, column.header(), bold);
                if (column.keyword().equals("CONDITION")) {
                    conditions++;
                }
            }
            set(sheet, top + 2, 2, "ClaimFacts", null);
            if (mergeObjectTypeCell && conditions > 1) {
                for (int c = 3; c < 2 + conditions; c++) {
                    set(sheet, top + 2, c, "", null); // Drools reads a merge only through cells that exist
                }
                sheet.addMergedRegion(new CellRangeAddress(top + 2, top + 2, 2, 1 + conditions));
            }
            set(sheet, top + 4, 1, "Case", bold);
            for (int r = 0; r < rows.size(); r++) {
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    if (!values.get(c).isEmpty()) {
                        set(sheet, top + 5 + r, 1 + c, values.get(c), null);
                    }
                }
            }
            for (int c = 1; c < 2 + columns.size(); c++) {
                sheet.setColumnWidth(c, c == 1 ? 14000 : 6000);
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Sheet sheet, int rowIndex, int column, String value, CellStyle style) {
        Row row = sheet.getRow(rowIndex) == null ? sheet.createRow(rowIndex) : sheet.getRow(rowIndex);
        Cell cell = row.createCell(column);
        if (value.startsWith("=")) {
            cell.setCellFormula(value.substring(1));
        } else {
            cell.setCellValue(value);
        }
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static CellStyle boldStyle(XSSFWorkbook workbook) {
        Font font = workbook.createFont();
        font.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(font);
        style.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return style;
    }

    /** The table with a change made through POI, as an analyst's edit in a spreadsheet. */
    public static byte[] edited(byte[] table, java.util.function.Consumer<XSSFWorkbook> change) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(table));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            change.accept(workbook);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the shipped tables in rules/ (run with the test classpath). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "rules");
        Files.write(folder.resolve("claims.xlsx"), shippedClaimsTable(SHIPPED_PARAMETERS));
        Files.write(folder.resolve("non-delivery.xlsx"), nonDeliveryTable(new ArrayList<>(NON_DELIVERY_POLICY)));
        System.out.println("Wrote the shipped tables in " + folder.toAbsolutePath());
    }
}
