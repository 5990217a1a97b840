package io.claimpilot.policy;

import java.util.Locale;

/** One file of a policy version, exactly as the analyst wrote it. */
public record PolicyFile(String name, byte[] content) {

    public enum Kind { DRL, XLSX, XLS, CSV }

    public Kind kind() {
        return kindOf(name);
    }

    public boolean isDecisionTable() {
        return kind() != Kind.DRL;
    }

    /** The rule-bearing kind of a file name, or null for files that are not rules (scenarios, messages, notes). */
    public static Kind kindOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".drl")) return Kind.DRL;
        if (lower.endsWith(".xlsx")) return Kind.XLSX;
        if (lower.endsWith(".xls")) return Kind.XLS;
        if (lower.endsWith(".csv")) return Kind.CSV;
        return null;
    }

    /** The accountants' mapping of reasons to ledger accounts lives next to the rules but holds none. */
    public static final String ACCOUNTING_CODES = "accounting.csv";

    public static boolean isRuleFile(String fileName) {
        return kindOf(fileName) != null && !fileName.startsWith(".") && !fileName.startsWith("~$")
                && !fileName.equalsIgnoreCase(ACCOUNTING_CODES);
    }
}
