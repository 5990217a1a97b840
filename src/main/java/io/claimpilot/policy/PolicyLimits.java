package io.claimpilot.policy;

import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.util.ArrayList;
import java.util.List;

/**
 * How large a policy may be: files, bytes, table rows and columns, and how far a spreadsheet may inflate when it is
 * opened. Every upload is checked against them before anything is compiled or stored; a limit that is hit is a
 * located {@link PolicyProblem}, like any other validation error.
 * <p>
 * The current limits are held statically because tables are read by plain-Java code ({@link TableGrid}, shared with
 * the offline validate command) that has no configuration of its own; the service sets them once at start-up from
 * {@link PolicyLimitSettings}, and POI's zip-bomb settings are static anyway.
 */
public record PolicyLimits(int maxFiles, long maxFileBytes, long maxTotalBytes, int maxRows, int maxColumns,
                           double minInflateRatio, long maxEntryBytes) {

    private static final long MIB = 1024 * 1024;

    /**
     * A full 5,000 x 100 table is about 20 MiB of sheet XML, so 50 MiB per zip entry leaves room without letting a
     * 5 MiB file grow into gigabytes of heap; a ratio of 0.01 (POI's own default, set here so nothing else loosens it)
     * refuses anything that inflates more than a hundredfold.
     */
    public static final PolicyLimits DEFAULTS = new PolicyLimits(20, 5 * MIB, 10 * MIB, 5_000, 100, 0.01, 50 * MIB);

    private static volatile PolicyLimits current = DEFAULTS;

    static {
        DEFAULTS.protectWorkbooks();
    }

    public static PolicyLimits current() {
        return current;
    }

    /** Makes these the limits of every policy checked from now on, in this JVM. */
    public static void use(PolicyLimits limits) {
        current = limits;
        limits.protectWorkbooks();
    }

    /** POI refuses to inflate an entry past these before it allocates for it: the zip-bomb protection. */
    void protectWorkbooks() {
        ZipSecureFile.setMinInflateRatio(minInflateRatio);
        ZipSecureFile.setMaxEntrySize(maxEntryBytes);
    }

    /** The files of a version beyond the count and size limits; empty when it fits. */
    List<PolicyProblem> check(PolicySource source) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<PolicyFile> files = source.files();
        if (files.size() > maxFiles) {
            problems.add(PolicyProblem.error(files.get(maxFiles).name(), "The policy has " + files.size()
                    + " files, from this one on they are too many: a policy has at most " + maxFiles + " files (rules and scenarios)"));
        }
        long total = 0;
        boolean totalReported = false;
        for (PolicyFile file : files) {
            long size = file.content().length;
            total += size;
            if (size > maxFileBytes) {
                problems.add(PolicyProblem.error(file.name(), "The file is " + size(size) + "; a policy file may be at most "
                        + size(maxFileBytes)));
            }
            if (total > maxTotalBytes && !totalReported) {
                totalReported = true;
                problems.add(PolicyProblem.error(file.name(), "With this file the policy reaches " + size(total)
                        + "; all its files together may be at most " + size(maxTotalBytes)));
            }
        }
        return problems;
    }

    /** The sheet's extent against the row and column limits, as a message naming the sheet; null when it fits. */
    String tableTooLarge(String sheet, int rows, int columns) {
        String where = sheet == null ? "The table" : "Sheet '" + sheet + "'";
        if (rows > maxRows) {
            return where + " has " + rows + " rows; a decision table may have at most " + maxRows;
        }
        if (columns > maxColumns) {
            return where + " has " + columns + " columns; a decision table may have at most " + maxColumns;
        }
        return null;
    }

    static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(java.util.Locale.ROOT, "%.2f MiB (%d bytes)",
                bytes / (double) MIB, bytes);
    }
}
