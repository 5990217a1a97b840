package io.claimpilot.policy;

import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workbook's optional {@value #SHEET} sheet: named values (a cap, a deadline) that table cells refer to as
 * {@code =Parameters!B2} or by a defined name ({@code =cancellation_cap}), so an analyst changes a cap in one place.
 * Row 1 is the header (Name, Value); each row below holds a name in column A and its value in column B. By the time
 * it is read here the workbook is normalised: table cells already hold the parameters' values.
 */
public final class PolicyParameters {

    public static final String SHEET = "Parameters";

    /** Like a defined name Excel and LibreOffice accept: lower case, digits and underscores, not a cell reference. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern LOOKS_LIKE_A_CELL = Pattern.compile("[a-z]{1,3}[0-9]+");

    /** One parameter of a version: the file it comes from, its name, and its value as the table cells read it. */
    public record Parameter(String file, String name, String value) {
    }

    /** A parameter whose value differs between two versions; {@code before} or {@code after} is null when it is new or gone. */
    public record Change(String file, String name, String before, String after) {
    }

    private PolicyParameters() {
    }

    /** The parameters of a normalised workbook, checked; what is wrong with the sheet is added to {@code problems}. */
    static List<Parameter> read(PolicyFile file, Workbook workbook, List<TableGrid> grids, List<PolicyProblem> problems) {
        TableGrid sheet = grids.stream().filter(grid -> SHEET.equalsIgnoreCase(grid.sheet)).findFirst().orElse(null);
        if (sheet == null) {
            return List.of();
        }
        int problemsBefore = problems.size();
        if (!sheet.get(0, 0).equalsIgnoreCase("Name") || !sheet.get(0, 1).equalsIgnoreCase("Value")) {
            problems.add(problem(file, sheet, 0, 0, "The Parameters sheet starts with a header row: 'Name' in A1 and 'Value' in B1,"
                    + " then one parameter per row"));
            return List.of();
        }
        List<Parameter> parameters = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int r = 1; r < sheet.rowCount(); r++) {
            String name = sheet.get(r, 0);
            String value = sheet.get(r, 1);
            if (name.isEmpty() && value.isEmpty()) {
                continue;
            }
            if (name.isEmpty()) {
                problems.add(problem(file, sheet, r, 0, "Row " + (r + 1) + " has a value but no name: name the parameter in column A"));
                continue;
            }
            if (!NAME.matcher(name).matches() || LOOKS_LIKE_A_CELL.matcher(name).matches()) {
                problems.add(problem(file, sheet, r, 0, "'" + name + "' is not a parameter name: use lower-case letters, digits"
                        + " and underscores, starting with a letter and not like a cell reference (e.g. cancellation_cap)"));
                continue;
            }
            String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), TableGrid.ref(r, 0));
            if (earlier != null) {
                problems.add(problem(file, sheet, r, 0, "The parameter '" + name + "' is already named at " + earlier
                        + "; every parameter needs its own name"));
                continue;
            }
            if (value.isEmpty()) {
                problems.add(problem(file, sheet, r, 1, "The parameter '" + name + "' has no value: fill in column B"));
                continue;
            }
            misdirectedName(workbook, file, sheet, r, name).ifPresent(problems::add);
            parameters.add(new Parameter(file.name(), name, value));
        }
        return problems.size() == problemsBefore ? parameters : List.of();
    }

    /** A defined name spelled like a parameter must point at that parameter's value, or cells would read another one. */
    private static java.util.Optional<PolicyProblem> misdirectedName(Workbook workbook, PolicyFile file, TableGrid sheet, int row,
                                                                      String name) {
        Name defined = workbook.getName(name);
        if (defined == null || defined.getRefersToFormula() == null) {
            return java.util.Optional.empty();
        }
        String expected = new CellReference(sheet.sheet, row, 1, true, true).formatAsString();
        String refersTo = defined.getRefersToFormula();
        boolean same;
        try {
            AreaReference area = new AreaReference(refersTo, workbook.getSpreadsheetVersion());
            same = area.isSingleCell() && area.getFirstCell().getRow() == row && area.getFirstCell().getCol() == 1
                    && SHEET.equalsIgnoreCase(area.getFirstCell().getSheetName());
        } catch (RuntimeException e) {
            same = false;
        }
        return same ? java.util.Optional.empty() : java.util.Optional.of(problem(file, sheet, row, 0, "The defined name '" + name
                + "' refers to " + refersTo + ", not to this parameter's value " + expected + ": point it at " + expected));
    }

    /** What changed from one version's parameters to another's, in the order of the newer version (gone ones last). */
    public static List<Change> changes(List<Parameter> before, List<Parameter> after) {
        Map<String, Parameter> old = new LinkedHashMap<>();
        before.forEach(parameter -> old.put(parameter.file() + "\u0000" + parameter.name(), parameter));
        List<Change> changes = new ArrayList<>();
        for (Parameter parameter : after) {
            Parameter earlier = old.remove(parameter.file() + "\u0000" + parameter.name());
            String was = earlier == null ? null : earlier.value();
            if (!sameValue(was, parameter.value())) {
                changes.add(new Change(parameter.file(), parameter.name(), was, parameter.value()));
            }
        }
        old.values().forEach(gone -> changes.add(new Change(gone.file(), gone.name(), gone.value(), null)));
        return changes;
    }

    /** "150" and "150.00" are the same cap, whichever tool wrote it. */
    private static boolean sameValue(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        try {
            return a != null && b != null && new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static PolicyProblem problem(PolicyFile file, TableGrid sheet, int row, int column, String message) {
        return new PolicyProblem(file.name(), sheet.sheet, TableGrid.ref(row, column), null, PolicyProblem.Severity.ERROR, message);
    }
}
