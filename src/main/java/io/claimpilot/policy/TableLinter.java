package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.facts.ClaimFacts;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catches, in an analyst's words, what Drools would accept silently or report against generated DRL:
 * misspelled column keywords, unmerged fact-type cells, empty tables, repeated rule names, and cell values of
 * the wrong kind ("Column 'Amount at most': '15O' is not a number").
 */
final class TableLinter {

    private static final Set<String> KEYWORDS = Set.of("NAME", "DESCRIPTION", "CONDITION", "ACTION", "PRIORITY", "SALIENCE",
            "DURATION", "TIMER", "ENABLED", "CALENDARS", "NO-LOOP", "LOCK-ON-ACTIVE", "AUTO-FOCUS", "ACTIVATION-GROUP",
            "AGENDA-GROUP", "RULEFLOW-GROUP", "DATE-EFFECTIVE", "DATE-EXPIRES", "METADATA");
    private static final Pattern COMPARED_FIELD = Pattern.compile("\\b(\\w+)\\s*(==|!=|<=|>=|<|>)\\s*\\$param\\b");
    private static final Pattern OUTCOME_CALL = Pattern.compile("\\boutcome\\.(\\w+)\\(\\s*\\$param\\s*\\)");
    private static final Map<String, Class<?>> FACT_FIELDS = new HashMap<>();
    /** A fact-type cell: the type, with an optional binding ({@code $f : ClaimFacts}) or constraints in brackets. */
    private static final Pattern FACT_TYPE_CELL = Pattern.compile("(?:\\$?\\w+\\s*:\\s*)?([\\w.]+)\\s*(?:\\(.*\\))?");
    /** The one fact a claim's rules read. */
    private static final Set<String> FACT_TYPES = Set.of(ClaimFacts.class.getSimpleName(), ClaimFacts.class.getName());

    static {
        for (RecordComponent component : ClaimFacts.class.getRecordComponents()) {
            FACT_FIELDS.put(component.getName(), component.getType());
        }
    }

    private enum ValueKind { NUMBER, WHOLE_NUMBER, TRUE_FALSE, ACTION, TEXT }

    /** The values a text fact can take: a misspelled one would silently never match. */
    private static final Map<String, Set<String>> CHOICES = Map.of(
            "reason", names(io.claimpilot.claim.ClaimReason.values()),
            "fulfillment", names(io.claimpilot.claim.Fulfillment.values()),
            "trackingStatus", names(io.claimpilot.claim.TrackingStatus.values()),
            "currency", java.util.Currency.getAvailableCurrencies().stream().map(java.util.Currency::getCurrencyCode)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    private static final Pattern QUOTED_FIELD = Pattern.compile("\\b(\\w+)\\s*(==|!=)\\s*\"\\$param\"");

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private final PolicyFile file;
    private final List<PolicyProblem> problems = new ArrayList<>();

    private TableLinter(PolicyFile file) {
        this.file = file;
    }

    static List<PolicyProblem> lint(PolicyFile file) {
        return lint(file, TableGrid.read(file));
    }

    /** Lints sheets already read, so a workbook the compiler opened is not opened again. */
    static List<PolicyProblem> lint(PolicyFile file, List<TableGrid> grids) {
        TableLinter linter = new TableLinter(file);
        for (TableGrid grid : grids) {
            linter.lintSheet(grid);
        }
        return linter.problems;
    }

    private void lintSheet(TableGrid grid) {
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(r); c++) {
                if (grid.get(r, c).startsWith("RuleTable")) {
                    lintTable(grid, r, c);
                }
            }
        }
    }

    private void lintTable(TableGrid grid, int top, int left) {
        int keywordRow = top + 1;
        int typeRow = top + 2;
        int codeRow = top + 3;
        int headerRow = top + 4;
        List<Integer> columns = new ArrayList<>();
        for (int c = left; c < grid.columnCount(keywordRow); c++) {
            String keyword = grid.get(keywordRow, c);
            if (keyword.isEmpty()) {
                continue;
            }
            if (!KEYWORDS.contains(keyword.toUpperCase(Locale.ROOT))) {
                error(grid, keywordRow, c, "'" + keyword + "' is not a column keyword; did you mean " + closestKeyword(keyword) + "?");
                continue;
            }
            columns.add(c);
        }
        int firstDataRow = headerRow + 1;
        int lastDataRow = firstDataRow - 1;
        while (lastDataRow + 1 < grid.rowCount() && !isBlank(grid, lastDataRow + 1, left, columns)) {
            lastDataRow++;
        }
        if (lastDataRow < firstDataRow) {
            error(grid, top, left, "The rule table '" + grid.get(top, left).substring("RuleTable".length()).strip()
                    + "' has no rows: add one row per case below the header row " + (headerRow + 1));
            return;
        }
        rowsBelowTheGap(grid, lastDataRow, left, columns);
        Integer nameColumn = columns.stream().filter(c -> grid.get(keywordRow, c).equalsIgnoreCase("NAME")).findFirst().orElse(null);
        Integer actionColumn = columns.stream().filter(c -> grid.get(codeRow, c).contains("DecisionAction.$param")).findFirst().orElse(null);
        Integer deadlineColumn = columns.stream().filter(c -> grid.get(codeRow, c).contains("setDeadlineHours")).findFirst().orElse(null);
        for (int r = firstDataRow; r <= lastDataRow; r++) {
            if (nameColumn != null && grid.get(r, nameColumn).isEmpty()) {
                error(grid, r, nameColumn, "Row " + (r + 1) + " has no name: name every case, the name is what agents read");
            }
            if (deadlineColumn != null && grid.get(r, deadlineColumn).matches("-?0*|-\\d+") && !grid.get(r, deadlineColumn).isEmpty()) {
                error(grid, r, deadlineColumn, "Row " + (r + 1) + ": a deadline of " + grid.get(r, deadlineColumn)
                        + " hours leaves the customer no time; use 1 or more");
            }
            if (actionColumn != null && grid.get(r, actionColumn).equals("REQUEST_EVIDENCE")
                    && (deadlineColumn == null || grid.get(r, deadlineColumn).isEmpty())) {
                error(grid, r, deadlineColumn == null ? actionColumn : deadlineColumn,
                        "Row " + (r + 1) + " asks for evidence without a deadline: fill in the deadline in hours");
            }
        }
        headerCells(grid, keywordRow, typeRow, codeRow, headerRow, columns);
        Integer currencyColumn = columns.stream().filter(c -> grid.get(codeRow, c).matches(".*\\bcurrency\\s*==\\s*\"\\$param\".*"))
                .findFirst().orElse(null);
        Map<String, String> names = new HashMap<>();
        for (int c : columns) {
            String keyword = grid.get(keywordRow, c).toUpperCase(Locale.ROOT);
            if (keyword.equals("CONDITION") && grid.get(typeRow, c).isEmpty() && !grid.mergedFromLeft(typeRow, c)) {
                error(grid, typeRow, c, grid.sheet == null
                        ? "Column " + header(grid, headerRow, c) + " has no fact type: in a CSV table write the fact type (ClaimFacts) above every condition"
                        : "Column " + header(grid, headerRow, c) + " has no fact type: merge the fact-type cell (ClaimFacts) across all condition columns");
            }
            ValueKind kind = keyword.equals("NAME") ? ValueKind.TEXT : kindOf(grid.get(codeRow, c));
            Set<String> choices = choicesOf(grid.get(codeRow, c));
            for (int r = firstDataRow; r <= lastDataRow; r++) {
                String value = grid.get(r, c);
                if (value.isEmpty()) {
                    continue;
                }
                if (keyword.equals("NAME")) {
                    String earlier = names.putIfAbsent(value, TableGrid.ref(r, c));
                    if (earlier != null) {
                        error(grid, r, c, "The rule name '" + value + "' is already used at " + earlier + "; every row needs its own name");
                    }
                } else if (choices != null && !choices.contains(value)) {
                    error(grid, r, c, "Column " + header(grid, headerRow, c) + ": '" + value + "' is not a known value"
                            + (choices.size() <= 12 ? "; use one of " + new java.util.TreeSet<>(choices) : " (write it in capitals, e.g. EUR)"));
                } else {
                    checkValue(grid, r, c, kind, value, header(grid, headerRow, c));
                    checkAmountDecimals(grid, r, c, currencyColumn, grid.get(codeRow, c), value, header(grid, headerRow, c));
                }
            }
        }
    }

    /**
     * The fact-type and condition cells Drools builds every row's rule from: a mistake there would come back as a
     * syntax error of the generated rules on every row, so it is said once, here, at its cell.
     */
    private void headerCells(TableGrid grid, int keywordRow, int typeRow, int codeRow, int headerRow, List<Integer> columns) {
        for (int c : columns) {
            if (!grid.get(keywordRow, c).equalsIgnoreCase("CONDITION")) {
                continue;
            }
            String type = grid.get(typeRow, c);
            Matcher typeName = FACT_TYPE_CELL.matcher(type);
            // A merged fact-type cell is checked once, at its first cell.
            if (!type.isEmpty() && !grid.mergedFromLeft(typeRow, c) && (!typeName.matches() || !FACT_TYPES.contains(typeName.group(1)))) {
                error(grid, typeRow, c, "The fact type '" + type + "' is not one a rule can read: conditions are written on "
                        + ClaimFacts.class.getSimpleName());
            }
            String code = grid.get(codeRow, c);
            if (code.isEmpty()) {
                continue;
            }
            Matcher compared = COMPARED_FIELD.matcher(code);
            Matcher quoted = QUOTED_FIELD.matcher(code);
            String field = compared.find() ? compared.group(1) : quoted.find() ? quoted.group(1) : null;
            if (field != null && !FACT_FIELDS.containsKey(field)) {
                error(grid, codeRow, c, "The condition '" + code + "' of column " + header(grid, headerRow, c) + " reads '"
                        + field + "', which is not a fact of a claim; check the spelling");
                continue;
            }
            String syntaxError = code.contains("forall(") ? null : syntaxError(code, kindOf(code));
            if (syntaxError != null) {
                error(grid, codeRow, c, "The condition '" + code + "' of column " + header(grid, headerRow, c)
                        + " cannot be read as a condition on a claim's facts (Drools says: " + syntaxError + ")");
            }
        }
    }

    /** Parses the condition as Drools will write it for a row (with a neutral value), without compiling anything. */
    private static String syntaxError(String code, ValueKind kind) {
        String value = switch (kind) {
            case NUMBER, WHOLE_NUMBER -> "1";
            case TRUE_FALSE -> "true";
            default -> "x";
        };
        String condition = code.replace("$param", value).replaceAll("\\$\\d", value);
        String drl = "package check;\nrule \"check\" when\n" + ClaimFacts.class.getSimpleName() + "(" + condition + ")\nthen\nend\n";
        DrlParser parser = new DrlParser();
        try {
            parser.parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            return PlainMessages.rootCause(e);
        }
        if (!parser.hasErrors()) {
            return null;
        }
        // "[ERR 101] Line 3:27 no viable alternative at input '=' in rule "check"": the place is in text the analyst never saw.
        return parser.getErrors().get(0).getMessage().strip().lines().findFirst().orElse("")
                .replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+\\s*", "").replaceFirst("\\s*in rule \"check\".*$", "");
    }

    private void checkValue(TableGrid grid, int row, int column, ValueKind kind, String value, String header) {
        String problem = switch (kind) {
            case NUMBER -> isNumber(value) ? null : "is not a number" + decimalPoint(value);
            case WHOLE_NUMBER -> value.matches("-?\\d+") ? null : "is not a whole number";
            case TRUE_FALSE -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "is not true or false";
            case ACTION -> Arrays.stream(DecisionAction.values()).anyMatch(a -> a.name().equals(value)) ? null
                    : "is not an action; use one of " + Arrays.toString(DecisionAction.values());
            case TEXT -> null;
        };
        if (problem != null) {
            error(grid, row, column, "Column " + header + ": '" + value + "' " + problem);
        }
    }

    /** A decimal comma (French, German, … locales) typed as text: the fix is one character away. */
    private static String decimalPoint(String value) {
        String withPoint = value.replace(',', '.');
        return value.matches("-?\\d+,\\d+") && isNumber(withPoint) ? "; write the decimals after a point: " + withPoint : "";
    }

    /**
     * An amount cell with more decimals than its row's currency has can never be met exactly by a claim (claims are
     * rejected with such amounts), so it is a typo: "150.005" for EUR.
     */
    private void checkAmountDecimals(TableGrid grid, int row, int column, Integer currencyColumn, String code, String value,
                                     String header) {
        Matcher compared = COMPARED_FIELD.matcher(code);
        if (currencyColumn == null || !isNumber(value) || !compared.find() || !compared.group(1).equals("claimedAmount")) {
            return;
        }
        String currency = grid.get(row, currencyColumn);
        int digits;
        try {
            digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            return; // no currency in this row, or an unknown one: reported by its own column
        }
        if (digits >= 0 && new BigDecimal(value).stripTrailingZeros().scale() > digits) {
            error(grid, row, column, "Column " + header + ": '" + value + "' has more decimals than " + currency
                    + " has (" + digits + ")");
        }
    }

    private static Set<String> choicesOf(String code) {
        Matcher quoted = QUOTED_FIELD.matcher(code);
        return quoted.find() ? CHOICES.get(quoted.group(1)) : null;
    }

    /** Drools ends a table at its first empty row: anything below it is silently ignored. */
    private void rowsBelowTheGap(TableGrid grid, int lastDataRow, int left, List<Integer> columns) {
        for (int r = lastDataRow + 2; r < grid.rowCount(); r++) {
            int row = r;
            if (grid.get(row, left).startsWith("RuleTable") || columns.stream().anyMatch(c -> grid.get(row, c).startsWith("RuleTable"))) {
                return;
            }
            if (!isBlank(grid, row, left, columns)) {
                error(grid, r, left, "Row " + (r + 1) + " comes after an empty row, so it is ignored: remove the empty row "
                        + (lastDataRow + 2) + " above it");
                return;
            }
        }
    }

    private static ValueKind kindOf(String code) {
        if (code.contains("DecisionAction.$param")) {
            return ValueKind.ACTION;
        }
        Matcher compared = COMPARED_FIELD.matcher(code);
        if (compared.find()) {
            return kindOfType(FACT_FIELDS.get(compared.group(1)));
        }
        Matcher call = OUTCOME_CALL.matcher(code);
        if (call.find()) {
            return Arrays.stream(PolicyOutcome.class.getMethods())
                    .filter(method -> method.getName().equals(call.group(1)) && method.getParameterCount() == 1)
                    .map(Method::getParameterTypes).map(types -> kindOfType(types[0]))
                    .findFirst().orElse(ValueKind.TEXT);
        }
        return ValueKind.TEXT;
    }

    private static ValueKind kindOfType(Class<?> type) {
        if (type == null) {
            return ValueKind.TEXT;
        }
        if (type == BigDecimal.class || type == double.class) {
            return ValueKind.NUMBER;
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return ValueKind.WHOLE_NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return ValueKind.TRUE_FALSE;
        }
        return ValueKind.TEXT;
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBlank(TableGrid grid, int row, int left, List<Integer> columns) {
        if (!grid.get(row, left).isEmpty()) {
            return false;
        }
        return columns.stream().allMatch(c -> grid.get(row, c).isEmpty());
    }

    private static String header(TableGrid grid, int headerRow, int column) {
        String header = grid.get(headerRow, column);
        return header.isEmpty() ? TableGrid.ref(headerRow, column).replaceAll("\\d", "") : "'" + header + "'";
    }

    private static String closestKeyword(String keyword) {
        String upper = keyword.toUpperCase(Locale.ROOT);
        return KEYWORDS.stream().min(Comparator.comparingInt(candidate -> distance(upper, candidate))).orElse("CONDITION");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private void error(TableGrid grid, int row, int column, String message) {
        problems.add(new PolicyProblem(file.name(), grid.sheet, TableGrid.ref(row, column), null, PolicyProblem.Severity.ERROR, message));
    }
}
