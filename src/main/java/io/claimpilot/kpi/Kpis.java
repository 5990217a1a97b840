package io.claimpilot.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the indicators in one SQL statement over the claims created in a window: a per-claim row (its final
 * decision, cohort, escalation, first message, resolutions, CSAT) computed once, then aggregated for the whole window
 * and, with {@code GROUPING SETS}, for each group. Nothing is loaded claim by claim into Java.
 */
@ApplicationScoped
public class Kpis {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;

    private static final String WORK_MEMORY = "64MB";

    /** The claim statuses that are not settled yet, whatever an earlier decision said. */
    private static final String OPEN_STATUSES = "'RECEIVED', 'AWAITING_EVIDENCE', 'IN_REVIEW'";

    /**
     * One row per claim of the window. Its outcome (final decision, cohort, escalation, evidence deadline, fraud
     * hold, first response, agents' resolutions) is kept on the claim row as it happens (decision.DecisionService,
     * claim.ClaimLifecycle, message.CustomerMessages, flow.ReviewDesk), so only the CSAT answers are joined.
     */
    private static final String PER_CLAIM = """
            with per_claim as materialized (
                select c.id, coalesce(%s, 'NONE') as key,
                       c.status = 'CANCELLED' as cancelled,
                       c.final_action is not null and c.status not in (%s, 'CANCELLED') as decided,
                       c.final_action as action, c.final_amount as amount, c.final_currency as currency,
                       c.final_rule as rule, coalesce(c.final_by_policy, false) as by_policy,
                       extract(epoch from c.final_decided_at - c.created_at) as resolution_s,
                       extract(epoch from c.first_response_at - c.created_at) as first_response_s,
                       c.escalated, c.evidence_expired, c.fraud_hold, c.resolutions, c.overrides as overridden,
                       csat.score as csat_score
                  from claim c
                  left join csat_response csat on csat.claim_id = c.id
                 where c.created_at >= ? and c.created_at < ?
            )
            """;

    private static final String PARTS = """
            select 'figures' as part, to_jsonb(f) as row from (
                select grouping(key) = 1 as total, key,
                       count(*) as claims,
                       count(*) filter (where decided) as decided,
                       count(*) filter (where cancelled) as cancelled,
                       count(*) filter (where decided and by_policy) as automated,
                       count(*) filter (where escalated) as escalated,
                       count(*) filter (where decided and action = 'REFUND') as refunds,
                       count(*) filter (where decided and action = 'RESHIP') as reshipments,
                       count(*) filter (where decided and action = 'EXCHANGE') as exchanges,
                       percentile_cont(0.5) within group (order by resolution_s) filter (where decided) as resolution_median,
                       percentile_cont(0.9) within group (order by resolution_s) filter (where decided) as resolution_p90,
                       percentile_cont(0.5) within group (order by first_response_s) as first_response_median,
                       percentile_cont(0.9) within group (order by first_response_s) as first_response_p90,
                       count(*) filter (where evidence_expired) as evidence_expired,
                       count(*) filter (where fraud_hold) as fraud_holds,
                       sum(resolutions) as resolutions,
                       sum(overridden) as overridden,
                       count(csat_score) as csat_responses,
                       count(*) filter (where csat_score >= 4) as csat_satisfied
                  from per_claim group by grouping sets ((), (key))
            ) f
            union all
            select 'refunded', to_jsonb(a) from (
                select grouping(key) = 1 as total, key, currency, sum(amount) as amount
                  from per_claim where decided and action = 'REFUND' and amount is not null
                 group by grouping sets ((currency), (key, currency))
            ) a
            union all
            select 'rule', to_jsonb(r) from (
                select grouping(key) = 1 as total, key, rule, count(*) as decided
                  from per_claim where decided and by_policy and rule is not null
                 group by grouping sets ((rule), (key, rule))
            ) r
            union all
            select 'flagged', to_jsonb(w) from (
                select grouping(p.key) = 1 as total, p.key, f.rule, count(*) as flagged_wrong
                  from decision_feedback f join per_claim p on p.id = f.claim_id
                 where f.verdict = 'WRONG' and f.rule is not null
                 group by grouping sets ((f.rule), (p.key, f.rule))
            ) w
            """;

    /** The one statement behind a report; parameters: from, to. Public for EXPLAIN in the benchmark. */
    public static String statement(KpiGrouping grouping) {
        return PER_CLAIM.formatted(grouping == null ? "null" : grouping.keySql, OPEN_STATUSES) + PARTS;
    }

    public KpiReport report(KpiWindow window, KpiGrouping grouping) {
        String sql = statement(grouping);
        Map<String, Accumulator> groups = new TreeMap<>();
        Accumulator total = new Accumulator();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try (Statement memory = connection.createStatement()) {
                // The sorts and hashes of 100,000 claims fit in memory with this; the default 4 MB spills them to disk.
                memory.execute("set local work_mem = '" + WORK_MEMORY + "'");
            }
            statement.setTimestamp(1, Timestamp.from(window.from()));
            statement.setTimestamp(2, Timestamp.from(window.to()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    JsonNode row = json.readTree(rows.getString("row"));
                    Accumulator target = row.path("total").asBoolean()
                            ? total : groups.computeIfAbsent(row.path("key").asText(), k -> new Accumulator());
                    target.add(rows.getString("part"), row);
                }
            }
            connection.commit();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The indicators could not be computed", e);
        }
        List<KpiReport.Group> grouped = grouping == null ? null : groups.entrySet().stream()
                .map(g -> new KpiReport.Group(g.getKey(), g.getValue().figures())).toList();
        KpiFigures figures = total.figures();
        CohortComparison comparison = grouping == KpiGrouping.COHORT ? CohortComparison.of(grouped) : null;
        return new KpiReport(window.from(), window.to(), grouping == null ? null : grouping.parameter(), figures,
                grouped, comparison);
    }

    /** Collects the rows of one group (or the total) from the statement's four parts. */
    private static final class Accumulator {
        private JsonNode figures;
        private final Map<String, BigDecimal> refunded = new TreeMap<>();
        private final Map<String, long[]> rules = new LinkedHashMap<>();

        void add(String part, JsonNode row) {
            switch (part) {
                case "figures" -> figures = row;
                case "refunded" -> refunded.put(row.path("currency").asText(), row.path("amount").decimalValue());
                case "rule" -> rules.computeIfAbsent(row.path("rule").asText(), r -> new long[2])[0] = row.path("decided").asLong();
                case "flagged" -> rules.computeIfAbsent(row.path("rule").asText(), r -> new long[2])[1] = row.path("flagged_wrong").asLong();
                default -> throw new IllegalStateException("Unknown part " + part);
            }
        }

        KpiFigures figures() {
            JsonNode f = figures;
            long claims = count(f, "claims");
            long decided = count(f, "decided");
            long automated = count(f, "automated");
            long refunds = count(f, "refunds");
            long resolutions = count(f, "resolutions");
            long overridden = count(f, "overridden");
            long responses = count(f, "csat_responses");
            long satisfied = count(f, "csat_satisfied");
            List<Money> amounts = refunded.entrySet().stream()
                    .map(e -> Money.canonical(e.getValue(), e.getKey())).toList();
            List<KpiFigures.RuleFigures> ruleFigures = new ArrayList<>();
            rules.forEach((rule, counts) -> ruleFigures.add(new KpiFigures.RuleFigures(rule, counts[0], counts[1])));
            ruleFigures.sort(Comparator.comparingLong(KpiFigures.RuleFigures::decided).reversed()
                    .thenComparing(KpiFigures.RuleFigures::rule));
            return new KpiFigures(claims, decided, claims - decided - count(f, "cancelled"), automated,
                    rate(automated, decided), rate(count(f, "escalated"), claims),
                    new KpiFigures.Refunds(refunds, amounts), rate(refunds, decided),
                    new KpiFigures.Reshipments(count(f, "reshipments"), count(f, "exchanges")),
                    new KpiFigures.Durations(seconds(f, "resolution_median"), seconds(f, "resolution_p90")),
                    new KpiFigures.Durations(seconds(f, "first_response_median"), seconds(f, "first_response_p90")),
                    count(f, "evidence_expired"), count(f, "fraud_holds"), rate(overridden, resolutions),
                    new KpiFigures.Csat(responses, satisfied, rate(satisfied, responses)),
                    List.copyOf(ruleFigures), overridden, resolutions);
        }

        private static long count(JsonNode figures, String field) {
            return figures == null ? 0 : figures.path(field).asLong();
        }

        private static Double seconds(JsonNode figures, String field) {
            JsonNode value = figures == null ? null : figures.get(field);
            return value == null || value.isNull() ? null
                    : value.decimalValue().setScale(3, RoundingMode.HALF_UP).doubleValue();
        }
    }

    /** {@code part / whole} rounded to 4 decimals, or null when there is nothing to divide by. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
