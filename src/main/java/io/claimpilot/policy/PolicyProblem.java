package io.claimpilot.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a policy, located where an analyst can find it: a sheet and cell of a table,
 * or a line of a DRL file. The message is plain language, never a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyProblem(String file, String sheet, String cell, Integer line, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static PolicyProblem error(String file, String message) {
        return new PolicyProblem(file, null, null, null, Severity.ERROR, message);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file == null ? "policy" : file);
        if (sheet != null) where.append(", sheet '").append(sheet).append('\'');
        if (cell != null) where.append(", cell ").append(cell);
        if (line != null) where.append(", line ").append(line);
        return severity + " " + where + ": " + message;
    }
}
