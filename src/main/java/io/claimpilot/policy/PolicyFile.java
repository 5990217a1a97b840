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

    /**
     * Why a spreadsheet in a format we do not read cannot be a rule file, in words that say what to do; null for any
     * other file. LibreOffice's own format (OpenDocument) is not read: POI has no reader for it.
     */
    public static String unreadableSpreadsheet(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ods") || lower.endsWith(".fods")) {
            return "'" + fileName + "' is a LibreOffice (OpenDocument) spreadsheet, which cannot be read:"
                    + " save it as .xlsx (File > Save As > Excel 2007-365) and upload that";
        }
        return null;
    }

    /** The accountants' mapping of reasons to ledger accounts lives next to the rules but holds none. */
    public static final String ACCOUNTING_CODES = "accounting.csv";

    public static boolean isRuleFile(String fileName) {
        return kindOf(fileName) != null && !fileName.startsWith(".") && !fileName.startsWith("~$")
                && !fileName.equalsIgnoreCase(ACCOUNTING_CODES);
    }
}
