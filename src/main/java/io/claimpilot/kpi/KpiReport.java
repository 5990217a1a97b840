package io.claimpilot.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/kpis}: the window, its figures at the top level, and with a grouping the same
 * figures per group (and, grouped by cohort, the pilot against the control).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiReport(Instant from, Instant to, String groupBy, @JsonUnwrapped KpiFigures figures,
                        List<Group> groups, CohortComparison comparison) {

    public record Group(String key, @JsonUnwrapped KpiFigures figures) {
    }

    public Group group(String key) {
        return groups == null ? null : groups.stream().filter(g -> g.key().equals(key)).findFirst().orElse(null);
    }
}
