package io.claimpilot.bench;

import io.agroal.api.AgroalDataSource;
import io.claimpilot.kpi.KpiGrouping;
import io.claimpilot.kpi.KpiReport;
import io.claimpilot.kpi.KpiWindow;
import io.claimpilot.kpi.Kpis;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicators over 100,000 claims (#13: "within 1 s"). The claims, with their decisions, audit rows, messages,
 * agents' resolutions and CSAT answers, are inserted with generate_series in a 30-day window of their own; then the
 * report is timed with each grouping, next to a baseline in the same run: one query that only joins the window's
 * claims to their decisions and counts them, the least any indicator over these rows must read. Only the counts are
 * asserted; the times go to docs/benchmarks.md.
 * Run: ./mvnw -B -Pbench test -Dgroups=benchmark -Dtest=KpiBenchmark
 */
@QuarkusTest
@Tag("benchmark")
class KpiBenchmark {

    private static final int CLAIMS = 100_000;
    private static final int RUNS = 5;

    @Inject
    Kpis kpis;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void indicatorsOverOneHundredThousandClaims() throws Exception {
        Instant start = Instant.parse("2040-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextLong(0, 3000), ChronoUnit.DAYS);
        KpiWindow window = new KpiWindow(start, start.plus(Duration.ofDays(30)));
        String prefix = "kb" + Long.toString(System.nanoTime(), 36);
        long inserted = System.nanoTime();
        seed(prefix, start);
        System.out.printf("Inserted %d claims with their decisions, audit rows and messages in %.1f s%n", CLAIMS,
                (System.nanoTime() - inserted) / 1e9);

        KpiReport first = kpis.report(window, null);
        assertThat(first.figures().claims()).isEqualTo(CLAIMS);
        assertThat(first.figures().decided()).isEqualTo(CLAIMS * 8 / 10);
        assertThat(first.figures().open()).isEqualTo(CLAIMS / 10);
        assertThat(first.figures().automated()).isEqualTo(CLAIMS * 7 / 10);

        System.out.println(explain(window));
        for (int run = 1; run <= RUNS; run++) {
            double baseline = time(() -> baseline(window));
            StringBuilder line = new StringBuilder("Run %d: baseline join %.0f ms".formatted(run, baseline));
            line.append(", no grouping %.0f ms".formatted(time(() -> kpis.report(window, null))));
            for (KpiGrouping grouping : KpiGrouping.values()) {
                line.append(", %s %.0f ms".formatted(grouping.parameter(), time(() -> kpis.report(window, grouping))));
            }
            System.out.println(line);
        }
    }

    private void seed(String prefix, Instant start) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            String claims = """
                    insert into claim (id, caller, external_id, order_id, reason, customer_id, amount, currency, fulfillment,
                                       order_total_paid, items, status, policy_version, created_at, updated_at)
                    select '%1$s-' || i, 'bench', '%1$s-' || i, '%1$s-o' || i,
                           case when i %% 10 < 6 then 'ORDER_CANCELLED_BEFORE_SHIPMENT' when i %% 10 = 6 then 'RETURN_SCANNED' else 'DAMAGED' end,
                           '%1$s-c' || (i %% 20000), 10 + (i %% 140), 'EUR', 'UNFULFILLED', 200, '[]'::jsonb,
                           case when i %% 10 < 6 then 'COMPLETED' when i %% 10 = 6 then 'COMPLETED' when i %% 10 = 7 then 'DENIED'
                                when i %% 10 = 8 then 'IN_REVIEW' else 'CANCELLED' end,
                           repeat('b', 64), timestamptz '%2$s' + (i * interval '25 seconds'), timestamptz '%2$s' + (i * interval '25 seconds')
                      from generate_series(1, %3$d) i
                    """.formatted(prefix, start, CLAIMS);
            sql.execute(claims);
            String decisions = """
                    insert into decision (claim_id, action, amount, currency, reasons, rules_fired, policy_version, decided_by, decided_at, cohort)
                    select c.id,
                           case when n %% 10 < 6 then 'REFUND' when n %% 10 = 6 then 'RESHIP' when n %% 10 = 8 then 'REQUEST_EVIDENCE' else 'HUMAN_REVIEW' end,
                           case when n %% 10 < 6 then c.amount end, 'EUR', '[]'::jsonb,
                           case when n %% 10 < 6 then '["Cancelled before shipment, up to the cap: refund"]'::jsonb
                                when n %% 10 = 6 then '["Returned parcel, every item in stock: reship"]'::jsonb
                                when n %% 10 = 7 then '["Guard rail: customer on the blocklist"]'::jsonb
                                else '["Damaged without a photo: ask for one"]'::jsonb end,
                           c.policy_version, 'policy:' || c.policy_version, c.created_at,
                           case when n %% 2 = 0 then 'PILOT' else 'CONTROL' end
                      from (select c.*, substr(c.id, length('%1$s-') + 1)::int as n from claim c where c.id like '%1$s-%%') c
                    """.formatted(prefix);
            sql.execute(decisions);
            sql.execute("""
                    insert into decision (claim_id, action, currency, reasons, rules_fired, decided_by, decided_at)
                    select c.id, case when c.status = 'DENIED' then 'DENY' else 'HUMAN_REVIEW' end, 'EUR', '[]'::jsonb, '[]'::jsonb,
                           case when c.status = 'DENIED' then 'agent' else 'system:evidence-deadline' end,
                           c.created_at + interval '3 hours'
                      from claim c where c.id like '%1$s-%%' and c.status in ('DENIED', 'IN_REVIEW')
                    """.formatted(prefix));
            sql.execute("""
                    insert into claim_audit (claim_id, from_status, to_status, actor, at)
                    select c.id, null, 'RECEIVED', 'bench', c.created_at from claim c where c.id like '%1$s-%%'
                    union all
                    select c.id, 'RECEIVED', case when c.status in ('COMPLETED') then 'REFUND_APPROVED' else 'IN_REVIEW' end,
                           'bench', c.created_at from claim c where c.id like '%1$s-%%'
                    """.formatted(prefix));
            sql.execute("""
                    insert into customer_message (claim_id, situation, locale, channel, subject, body, idempotency_key, sent_at)
                    select c.id, 'ACKNOWLEDGMENT', 'fr', 'sandbox', 's', 'b', c.id || ':ack', c.created_at + interval '40 seconds'
                      from claim c where c.id like '%1$s-%%'
                    """.formatted(prefix));
            sql.execute("""
                    insert into review_resolution (claim_id, policy_action, agent_action, currency, override, note, resolved_by, resolved_at)
                    select c.id, 'HUMAN_REVIEW', 'DENY', 'EUR', false, 'n', 'agent', c.created_at + interval '3 hours'
                      from claim c where c.id like '%1$s-%%' and c.status = 'DENIED'
                    """.formatted(prefix));
            sql.execute("""
                    insert into csat_response (claim_id, score, source, received_at, updated_at)
                    select c.id, 1 + (length(c.id) + ascii(right(c.id, 1))) %% 5, 'API', c.created_at, c.created_at
                      from claim c where c.id like '%1$s-%%' and right(c.id, 1) in ('1', '5')
                    """.formatted(prefix));
            // The outcome columns, as the service keeps them when it decides (the same statements as V21's backfill).
            sql.execute("""
                    update claim c set final_action = f.action, final_amount = f.amount, final_currency = f.currency,
                           final_by_policy = f.decided_by like 'policy:%%', final_decided_at = f.decided_at,
                           final_rule = f.rules_fired ->> (jsonb_array_length(f.rules_fired) - 1)
                      from (select distinct on (claim_id) claim_id, action, amount, currency, decided_by, decided_at, rules_fired
                              from decision where claim_id like '%1$s-%%' and action in ('REFUND', 'RESHIP', 'DENY')
                             order by claim_id, id desc) f
                     where f.claim_id = c.id
                    """.formatted(prefix));
            sql.execute("""
                    update claim c set cohort = d.cohort, escalated = c.status in ('IN_REVIEW', 'DENIED', 'CANCELLED'),
                           evidence_expired = c.status = 'IN_REVIEW', fraud_hold = c.status = 'DENIED',
                           first_response_at = c.created_at + interval '40 seconds',
                           resolutions = case when c.status = 'DENIED' then 1 else 0 end
                      from decision d where d.claim_id = c.id and d.policy_version is not null and c.id like '%1$s-%%'
                    """.formatted(prefix));
        }
        // Statistics as autovacuum would have them a minute later. The service role owns no table, so it may not
        // ANALYZE: the schema's owner (Flyway's credentials) does.
        Config config = ConfigProvider.getConfig();
        try (Connection owner = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class), config.getValue("quarkus.flyway.password", String.class));
             Statement sql = owner.createStatement()) {
            sql.execute("analyze");
        }
    }

    /** Where the time goes, printed once, for docs/benchmarks.md. */
    private String explain(KpiWindow window) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("explain (analyze, buffers) " + Kpis.statement(null))) {
            connection.setAutoCommit(false);
            try (Statement memory = connection.createStatement()) {
                memory.execute("set local work_mem = '64MB'");
            }
            statement.setTimestamp(1, Timestamp.from(window.from()));
            statement.setTimestamp(2, Timestamp.from(window.to()));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.commit();
            return plan.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long baseline(KpiWindow window) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from claim c join decision d on d.claim_id = c.id where c.created_at >= ? and c.created_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(window.from()));
            statement.setTimestamp(2, Timestamp.from(window.to()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e6;
    }
}
