package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario CSV files. Columns, in any order: name, reason, amount, currency, fulfillment, stock
 * ("MUG-01=3;TEA-02=0": each SKU claimed once, with the stock the warehouse has), photo (yes/no),
 * claims_30_days, expected_action, expected_amount, expected_rule; optionally refundable_balance, blocklisted,
 * refunded_90_days, tracking_status and days_since_shipped; and for an exchange, exchange (yes/no: an item asks for
 * another variant), replacement_same_price and replacement_in_stock (yes/no).
 */
final class ScenarioFiles {

    static final List<String> REQUIRED = List.of("name", "reason", "amount", "expected_action");
    static final Set<String> KNOWN = new java.util.TreeSet<>(Set.of("name", "reason", "amount", "currency", "fulfillment", "stock", "photo",
            "claims_30_days", "expected_action", "expected_amount", "expected_rule", "refundable_balance", "blocklisted",
            "refunded_90_days", "tracking_status", "days_since_shipped", "exchange", "replacement_same_price",
            "replacement_in_stock"));

    private ScenarioFiles() {
    }

    static List<Scenario> parse(PolicyFile file, List<PolicyProblem> allProblems) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = parseFile(file, problems);
        allProblems.addAll(problems);
        return scenarios;
    }

    private static List<Scenario> parseFile(PolicyFile file, List<PolicyProblem> problems) {
        List<List<String>> rows = TableGrid.parseCsv(new String(file.content(), StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            problems.add(PolicyProblem.error(file.name(), "The scenario file is empty: its first line must name the columns"));
            return List.of();
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).isEmpty() && !KNOWN.contains(header.get(c))) {
                problems.add(problem(file, 1, "Column '" + rows.get(0).get(c) + "' is unknown; use " + KNOWN));
            }
        }
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                problems.add(problem(file, 1, "The column '" + required + "' is missing"));
            }
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < rows.get(r).size() ? rows.get(r).get(c) : "");
            }
            if (row.values().stream().allMatch(String::isBlank)) {
                continue;
            }
            try {
                scenarios.add(scenario(file.name(), r + 1, row));
            } catch (IllegalArgumentException e) {
                problems.add(problem(file, r + 1, e.getMessage()));
            }
        }
        return scenarios;
    }

    private static Scenario scenario(String file, int line, Map<String, String> row) {
        return new Scenario(file, line,
                text(row, "name", "scenario at line " + line),
                text(row, "reason", null).toUpperCase(Locale.ROOT),
                number(row, "amount", true),
                text(row, "currency", "EUR").toUpperCase(Locale.ROOT),
                text(row, "fulfillment", "UNFULFILLED").toUpperCase(Locale.ROOT),
                stock(row.getOrDefault("stock", "")),
                yesNo(row, "photo"),
                number(row, "claims_30_days", false) == null ? 1 : number(row, "claims_30_days", false).intValueExact(),
                number(row, "refunded_90_days", false) == null ? BigDecimal.ZERO : number(row, "refunded_90_days", false),
                number(row, "refundable_balance", false),
                yesNo(row, "blocklisted"),
                text(row, "tracking_status", "UNKNOWN").toUpperCase(Locale.ROOT),
                number(row, "days_since_shipped", false) == null ? -1 : number(row, "days_since_shipped", false).intValueExact(),
                action(text(row, "expected_action", null)),
                number(row, "expected_amount", false),
                row.getOrDefault("expected_rule", "").isBlank() ? null : row.get("expected_rule").strip(),
                yesNo(row, "exchange"),
                yesNo(row, "replacement_same_price"),
                yesNo(row, "replacement_in_stock"));
    }

    private static String text(Map<String, String> row, String column, String fallback) {
        String value = row.getOrDefault(column, "").strip();
        if (value.isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException("Column '" + column + "' is empty");
            }
            return fallback;
        }
        return value;
    }

    private static BigDecimal number(Map<String, String> row, String column, boolean required) {
        String value = row.getOrDefault(column, "").strip();
        if (value.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("Column '" + column + "' is empty");
            }
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Column '" + column + "': '" + value + "' is not a number");
        }
    }

    private static boolean yesNo(Map<String, String> row, String column) {
        String value = row.getOrDefault(column, "").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "yes", "true", "y" -> true;
            case "", "no", "false", "n" -> false;
            default -> throw new IllegalArgumentException("Column '" + column + "': '" + value + "' is not yes or no");
        };
    }

    private static DecisionAction action(String value) {
        try {
            return DecisionAction.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Column 'expected_action': '" + value + "' is not one of "
                    + java.util.Arrays.toString(DecisionAction.values()));
        }
    }

    /** "MUG-01=3;TEA-02=0" → {MUG-01: 3, TEA-02: 0}. */
    private static Map<String, Integer> stock(String value) {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (String part : value.split("[;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] skuAndCount = part.split("=", 2);
            try {
                stock.put(skuAndCount[0].strip(), Integer.parseInt(skuAndCount.length == 2 ? skuAndCount[1].strip() : ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Column 'stock': '" + part + "' must look like SKU=units, e.g. MUG-01=3");
            }
        }
        return stock;
    }

    private static PolicyProblem problem(PolicyFile file, int line, String message) {
        return new PolicyProblem(file.name(), null, null, line, PolicyProblem.Severity.ERROR, message);
    }
}
