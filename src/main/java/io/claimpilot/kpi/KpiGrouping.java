package io.claimpilot.kpi;

import io.claimpilot.common.ApiProblem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the groups of a KPI report are cut; each names the SQL that gives a claim's key. */
public enum KpiGrouping {
    REASON("reason", "c.reason"),
    POLICY_VERSION("policyVersion", "c.policy_version"),
    COHORT("cohort", "c.cohort"),
    DAY("day", "to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD')");

    /** The key of claims that have no value for the grouping (no policy decision, no pilot running). */
    public static final String NONE = "NONE";

    private final String parameter;
    final String keySql;

    KpiGrouping(String parameter, String keySql) {
        this.parameter = parameter;
        this.keySql = keySql;
    }

    public String parameter() {
        return parameter;
    }

    public static KpiGrouping parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(values()).filter(g -> g.parameter.equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("groupBy", "must be one of "
                        + Arrays.stream(values()).map(g -> g.parameter).collect(Collectors.joining(", "))
                        + ", not '" + value.strip().toLowerCase(Locale.ROOT) + "'"));
    }
}
