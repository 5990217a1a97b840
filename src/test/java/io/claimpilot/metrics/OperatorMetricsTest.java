package io.claimpilot.metrics;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.support.Eventually;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.ManagementInterface.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operators' metrics, scraped from /q/metrics on the management port as Prometheus would, before and after a claim,
 * a refund and a review. Tests share one database and run one at a time, so each assertion is a change this test made,
 * or, for the gauges read from the database, the very count the database holds.
 */
@QuarkusTest
class OperatorMetricsTest {

    private static final Duration GAUGE_WAIT = Duration.ofSeconds(10);
    private static final String CANCELLED = "ORDER_CANCELLED_BEFORE_SHIPMENT";

    @Inject
    Db db;
    @Inject
    Dispatcher dispatcher;
    @Inject
    MutableClock clock;

    @Test
    void aClaimDecidedByThePolicyIsCountedTimedAndItsRefundQueuedThenPaid() {
        Scrape before = scrape();
        String id = as(SHOP).body(claim(CANCELLED, "20.00").item("MUG-01", 1, "20.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
        Scrape after = scrape();

        assertThat(after.value("claimpilot_claims_total", "reason", CANCELLED, "action", "REFUND", "decided_by", "policy")
                - before.value("claimpilot_claims_total", "reason", CANCELLED, "action", "REFUND", "decided_by", "policy"))
                .isEqualTo(1.0);
        assertThat(after.value("claimpilot_decision_seconds_count", "decided_by", "policy")
                - before.value("claimpilot_decision_seconds_count", "decided_by", "policy")).isEqualTo(1.0);
        assertThat(after.value("claimpilot_policy_evaluation_seconds_count")
                - before.value("claimpilot_policy_evaluation_seconds_count")).isEqualTo(1.0);
        assertThat(after.text()).contains("claimpilot_decision_seconds_bucket{decided_by=\"policy\",le=\"0.1\"}")
                .contains("claimpilot_policy_evaluation_seconds_bucket{le=\"0.2\"}");
        gaugeEquals("claimpilot_outbox_actions", Map.of("action", "REFUND", "status", "PENDING"),
                "select count(*) from outbox where action = 'REFUND' and status = 'PENDING'");
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND' and status = 'PENDING'", id))
                .isEqualTo(1);

        // The provider completes the refund (and whatever else was due): the refunded amount grows by what completed.
        BigDecimal refundedBefore = refundedInEurSoFar();
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND' and status = 'DONE'", id))
                .isEqualTo(1);
        BigDecimal completed = refundedInEurSoFar().subtract(refundedBefore);
        assertThat(completed).isGreaterThanOrEqualTo(new BigDecimal("20.00"));
        assertThat(BigDecimal.valueOf(scrape().value("claimpilot_refunded_amount_total", "currency", "EUR")
                - after.value("claimpilot_refunded_amount_total", "currency", "EUR")).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo(completed);
        gaugeEquals("claimpilot_outbox_actions", Map.of("action", "REFUND", "status", "PENDING"),
                "select count(*) from outbox where action = 'REFUND' and status = 'PENDING'");
    }

    @Test
    void theReviewQueueItsSlaAndAPersonsDecisionAreMeasured() {
        Instant now = clock.instant();
        Scrape before = scrape();
        String id = as(SHOP).body(claim(CANCELLED, "200.00").item("MUG-01", 1, "200.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        Scrape escalated = scrape();
        assertThat(escalated.value("claimpilot_claims_total", "reason", CANCELLED, "action", "HUMAN_REVIEW", "decided_by", "policy")
                - before.value("claimpilot_claims_total", "reason", CANCELLED, "action", "HUMAN_REVIEW", "decided_by", "policy"))
                .isEqualTo(1.0);
        String open = "select count(*) from review_task where resolved_at is null";
        gaugeEquals("claimpilot_review_queue_size", Map.of(), open);
        String breached = "select count(*) from review_task where resolved_at is null and sla_due < ?1";
        try {
            // A day and more later, the claim is past its SLA (24 h), and counted with every other one that is.
            clock.advance(Duration.ofHours(25));
            Instant later = clock.instant();
            assertThat(db.count("select count(*) from review_task where claim_id = ?1 and sla_due < ?2", id, later)).isEqualTo(1);
            gaugeEquals("claimpilot_review_sla_breached", Map.of(), breached, later);

            as(AGENT).body(Map.of("action", "DENY", "note", "Shipped already")).post("/api/reviews/" + id + "/resolve")
                    .then().statusCode(200);
            Scrape resolved = scrape();
            assertThat(resolved.value("claimpilot_claims_total", "reason", CANCELLED, "action", "DENY", "decided_by", "person")
                    - escalated.value("claimpilot_claims_total", "reason", CANCELLED, "action", "DENY", "decided_by", "person"))
                    .isEqualTo(1.0);
            assertThat(resolved.value("claimpilot_decision_seconds_count", "decided_by", "person")
                    - escalated.value("claimpilot_decision_seconds_count", "decided_by", "person")).isEqualTo(1.0);
            // 25 hours from intake to the person's decision: in the 2-day bucket, not in the 1-day one.
            assertThat(resolved.value("claimpilot_decision_seconds_bucket", "decided_by", "person", "le", "172800.0")
                    - escalated.value("claimpilot_decision_seconds_bucket", "decided_by", "person", "le", "172800.0")).isEqualTo(1.0);
            assertThat(resolved.value("claimpilot_decision_seconds_bucket", "decided_by", "person", "le", "86400.0")
                    - escalated.value("claimpilot_decision_seconds_bucket", "decided_by", "person", "le", "86400.0")).isZero();
            gaugeEquals("claimpilot_review_queue_size", Map.of(), open);
            gaugeEquals("claimpilot_review_sla_breached", Map.of(), breached, later);
        } finally {
            clock.set(now);
        }
    }

    @Test
    void theBudgetRatioIsTodaysAutomaticRefundsOverTheBudget() {
        String used = as(ADMIN).get("/api/automation").then().statusCode(200)
                .extract().path("budgets.find { it.currency == 'EUR' }.used.amount");
        BigDecimal budget = new BigDecimal(used).add(new BigDecimal("100.00"));
        try {
            as(ADMIN).body(Map.of("dailyLimit", budget.toPlainString())).put("/api/automation/budgets/EUR").then().statusCode(200);
            gaugeIs("claimpilot_automation_budget_used_ratio", Map.of("currency", "EUR"),
                    new BigDecimal(used).divide(budget, 4, RoundingMode.HALF_UP));

            as(SHOP).body(claim(CANCELLED, "50.00").item("MUG-01", 1, "50.00").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("REFUND_APPROVED"));
            gaugeIs("claimpilot_automation_budget_used_ratio", Map.of("currency", "EUR"),
                    new BigDecimal(used).add(new BigDecimal("50.00")).divide(budget, 4, RoundingMode.HALF_UP));
        } finally {
            as(ADMIN).body(Map.of("dailyLimit", "1000000.00")).put("/api/automation/budgets/EUR").then().statusCode(200);
        }
    }

    // ------------------------------------------------------------------------------------------------------

    private BigDecimal refundedInEurSoFar() {
        return new BigDecimal(db.strings("select coalesce(sum(cast(payload -> 'amount' ->> 'amount' as numeric)), 0) from outbox"
                + " where action = 'REFUND' and status = 'DONE' and payload -> 'amount' ->> 'currency' = 'EUR'").get(0));
    }

    /** Gauges are cached for a moment (claimpilot.metrics.state-max-age): they reach the database's count soon after. */
    private void gaugeEquals(String name, Map<String, String> labels, String sql, Object... parameters) {
        try {
            Eventually.within(GAUGE_WAIT, name + labels + " = " + sql,
                    () -> scrape().value(name, flatten(labels)) == db.count(sql, parameters));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (" + db.count(sql, parameters) + "); scraped: " + scrape().lines(name), e);
        }
    }

    private void gaugeIs(String name, Map<String, String> labels, BigDecimal expected) {
        try {
            Eventually.within(GAUGE_WAIT, name + labels + " = " + expected,
                    () -> BigDecimal.valueOf(scrape().value(name, flatten(labels))).compareTo(expected) == 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; scraped: " + scrape().lines(name), e);
        }
    }

    private static String[] flatten(Map<String, String> labels) {
        return labels.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    private static Scrape scrape() {
        return new Scrape(management().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The Prometheus text format, read line by line: a series is its name and the labels asked for. */
    record Scrape(String text) {
        private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** The lines of a metric, to say what was there when an assertion fails. */
        String lines(String name) {
            return text.lines().filter(line -> line.startsWith(name)).toList().toString();
        }

        /** The value of the one series with this name and these labels (others ignored); 0 when there is none yet. */
        double value(String name, String... labels) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            double found = 0;
            int matches = 0;
            for (String line : text.split("\n")) {
                Matcher series = SERIES.matcher(line);
                if (line.startsWith("#") || !series.find() || !series.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> seen = new LinkedHashMap<>();
                if (series.group(3) != null) {
                    Matcher label = LABEL.matcher(series.group(3));
                    while (label.find()) {
                        seen.put(label.group(1), label.group(2));
                    }
                }
                if (seen.entrySet().containsAll(wanted.entrySet())) {
                    found = Double.parseDouble(series.group(4));
                    matches++;
                }
            }
            assertThat(matches).as("series %s%s in\n%s", name, wanted, text).isLessThanOrEqualTo(1);
            return found;
        }
    }
}
