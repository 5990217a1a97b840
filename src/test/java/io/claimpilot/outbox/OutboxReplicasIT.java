package io.claimpilot.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.db.EmbeddedDatabase;
import io.claimpilot.support.PackagedApp;
import io.claimpilot.support.ProviderFake;
import io.claimpilot.support.Resources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged replicas on one PostgreSQL, on different ports, both dispatching: every refund reaches the (fake)
 * Stripe once and every reshipment the (fake) ShipStation once. What is counted is the HTTP requests the fake
 * received per idempotency key, so a second call for the same action would show, even though a real provider would
 * answer it harmlessly.
 *
 * <p>The database, the fake providers and the two replicas are started once for the class: starting them is most of
 * the time these tests take. Each test counts only the claims it made.
 */
class OutboxReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHOP = "demo-shop-key";
    static final String ADMIN = "demo-admin-key";
    static final String AGENT = "demo-agent-key";

    @TempDir
    static Path dir;

    @RegisterExtension
    static final Resources resources = Resources.perClass();

    static EmbeddedDatabase database;
    static ProviderFake providers;
    static PackagedApp first;
    static PackagedApp second;

    @BeforeAll
    static void startTwoReplicasOnOneDatabase() throws Exception {
        database = resources.track(EmbeddedDatabase.start(dir.resolve("pg")));
        providers = resources.track(ProviderFake.start(Duration.ofMillis(30)));
        // Both replicas poll often and take small batches, so their work interleaves.
        Map<String, String> properties = connectorProperties(providers, "200ms", "3", "2m");
        // One after the other: the first migrates the fresh database.
        first = resources.track(PackagedApp.start("replica-a", logs(), database.jdbcUrl(), properties, secrets()));
        first.awaitReady();
        second = resources.track(PackagedApp.start("replica-b", logs(), database.jdbcUrl(), properties, secrets()));
        second.awaitReady();
    }

    @Test
    void twoReplicasOnOneDatabaseExecuteEveryActionExactlyOnce() throws Exception {
        HttpResponse<String> stock = first.put("/api/stock/IT-SKU-1", ADMIN, "{\"available\":100000}");
        assertThat(stock.statusCode()).as(stock.body()).isEqualTo(200);

        List<String> refunds = new ArrayList<>();
        List<String> reships = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String[]>> submitted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            PackagedApp replica = n % 2 == 0 ? first : second;
            submitted.add(pool.submit(() -> submit(replica, n % 4 == 0 ? reshipClaim("rep-" + n, n) : refundClaim("rep-" + n, n))));
        }
        for (Future<String[]> claim : submitted) {
            String[] idAndStatus = claim.get();
            (idAndStatus[1].equals("RESHIP_APPROVED") ? reships : refunds).add(idAndStatus[0]);
        }
        pool.shutdown();
        assertThat(reships).hasSize(15);
        assertThat(refunds).hasSize(45);

        awaitCompleted(List.of(first, second), concat(refunds, reships), Duration.ofMinutes(3));

        Map<String, Integer> refundCalls = providers.refundCallsByKey();
        Map<String, Integer> orderCalls = providers.createOrderCallsByKey();
        refunds.forEach(id -> assertThat(refundCalls.get(id + ":REFUND")).as("Stripe calls for " + id).isEqualTo(1));
        reships.forEach(id -> assertThat(orderCalls.get(id + ":RESHIP")).as("ShipStation calls for " + id).isEqualTo(1));
        // Both replicas did part of the work: this was a race, not one replica doing everything.
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
             var query = db.prepareStatement("select count(distinct dispatched_by) from outbox"
                     + " where action in ('REFUND', 'RESHIP') and claim_id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", concat(refunds, reships).toArray()));
            try (ResultSet replicas = query.executeQuery()) {
                replicas.next();
                assertThat(replicas.getInt(1)).isEqualTo(2);
            }
        }

        theDailyBudgetHoldsAcrossBothReplicas();
    }

    /**
     * Both replicas spend the day's budget from slices they reserve, with no lock between them: however the claims
     * interleave, the automatic refunds of the day never pass the limit. The limit is lowered to what was used plus
     * 50.00: room for two refunds of 19.90, never three.
     */
    private void theDailyBudgetHoldsAcrossBothReplicas() throws Exception {
        String used = first.getJson("/api/automation", ADMIN).path("budgets").findValues("used").get(0).path("amount").asText();
        java.math.BigDecimal limit = new java.math.BigDecimal(used).add(new java.math.BigDecimal("50.00"));
        HttpResponse<String> lowered = first.put("/api/automation/budgets/EUR", ADMIN,
                "{\"dailyLimit\":\"" + limit.toPlainString() + "\"}");
        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(200);
        // The other replica reads a changed limit within half a second (AutomationService.FRESH_FOR).
        Thread.sleep(600);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String[]>> submitted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = 1000 + i;
            PackagedApp replica = n % 2 == 0 ? first : second;
            submitted.add(pool.submit(() -> submit(replica, refundClaim("budget-" + n, n))));
        }
        List<String> automatic = new ArrayList<>();
        for (Future<String[]> claim : submitted) {
            String status = claim.get()[1];
            if (status.equals("REFUND_APPROVED")) {
                automatic.add(claim.get()[0]);
            } else {
                assertThat(status).isEqualTo("IN_REVIEW");
                String reason = first.getJson("/api/claims/" + claim.get()[0], AGENT).path("decision").path("reasons").get(0).asText();
                assertThat(reason).contains("would pass the daily automation budget");
            }
        }
        pool.shutdown();
        assertThat(automatic.size()).as("automatic refunds within the last 50.00").isBetween(1, 2);
        awaitCompleted(List.of(first, second), automatic, Duration.ofMinutes(1));
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
             ResultSet spent = db.createStatement().executeQuery("select sum(refund_amount) from claim where refund_automatic"
                     + " and currency = 'EUR' and refund_approved_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'")) {
            spent.next();
            assertThat(spent.getBigDecimal(1)).as("automatic refunds today").isLessThanOrEqualTo(limit);
        }
    }

    /**
     * Fifty refunds confirmed at the same time by two replicas: both take credit note numbers from the same counter
     * row, and the fifty notes are exactly the fifty numbers after the counter's value before them, no gap, no
     * duplicate.
     */
    @Test
    void twoReplicasConfirmingFiftyRefundsAtOnceNumberTheirCreditNotesWithoutGapOrDuplicate() throws Exception {
        // Room in the day's budget for every refund, whatever the other test left.
        HttpResponse<String> budget = first.put("/api/automation/budgets/EUR", ADMIN, "{\"dailyLimit\":\"1000000.00\"}");
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);
        Thread.sleep(600);
        // A first claim on each replica, one that moves no money (a damaged item waits for its photo), so a JVM just
        // started has decided once before the burst, and no request of the burst waits for it to warm up.
        for (PackagedApp replica : List.of(first, second)) {
            String damaged = refundClaim("warm-" + replica.hashCode(), 99).replace("ORDER_CANCELLED_BEFORE_SHIPMENT", "DAMAGED")
                    .replace("UNFULFILLED", "DELIVERED");
            assertThat(submit(replica, damaged)[1]).isEqualTo("AWAITING_EVIDENCE");
        }
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).getYear();
        long before;
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
             ResultSet counter = db.createStatement().executeQuery("select coalesce((select last_number from"
                     + " credit_note_counter where prefix = 'AV' and year = " + year + "), 0)")) {
            counter.next();
            before = counter.getLong(1);
        }
        List<String> refunds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String[]>> submitted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = 2000 + i;
            PackagedApp replica = n % 2 == 0 ? first : second;
            submitted.add(pool.submit(() -> submit(replica, refundClaim("note-" + n, n))));
        }
        for (Future<String[]> claim : submitted) {
            String[] idAndStatus = claim.get();
            assertThat(idAndStatus[1]).as("claim " + idAndStatus[0]).isEqualTo("REFUND_APPROVED");
            refunds.add(idAndStatus[0]);
        }
        pool.shutdown();
        awaitCompleted(List.of(first, second), refunds, Duration.ofMinutes(3));

        List<String> expected = new ArrayList<>();
        for (long i = before + 1; i <= before + 50; i++) {
            expected.add("AV-%d-%06d".formatted(year, i));
        }
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres")) {
            List<String> numbers = new ArrayList<>();
            try (var query = db.prepareStatement("select number from credit_note where claim_id = any(?) order by number")) {
                query.setArray(1, db.createArrayOf("text", refunds.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        numbers.add(rows.getString(1));
                    }
                }
            }
            assertThat(numbers).containsExactlyElementsOf(expected);
            try (var query = db.prepareStatement("select count(distinct n.claim_id), count(distinct o.dispatched_by),"
                    + " (select last_number from credit_note_counter where prefix = 'AV' and year = " + year + ")"
                    + " from credit_note n join outbox o on o.id = n.refund_action_id where n.claim_id = any(?)")) {
                query.setArray(1, db.createArrayOf("text", refunds.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("one note per refunded claim").isEqualTo(50);
                    assertThat(rows.getInt(2)).as("both replicas confirmed refunds").isEqualTo(2);
                    assertThat(rows.getLong(3)).as("the counter stands at the last number").isEqualTo(before + 50);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------

    static Map<String, String> connectorProperties(ProviderFake providers, String every, String batch, String lease) {
        return Map.of(
                "claimpilot.payments.provider", "stripe",
                "claimpilot.stripe.base-url", providers.url(),
                "claimpilot.stripe.read-timeout", "10s",
                "claimpilot.reshipments.provider", "shipstation",
                "claimpilot.shipstation.base-url", providers.url(),
                "claimpilot.dispatch.every", every,
                "claimpilot.dispatch.batch-size", batch,
                "claimpilot.dispatch.lease", lease);
    }

    /** Credentials come from the environment, as in production. */
    static Map<String, String> secrets() {
        return Map.of("CLAIMPILOT_STRIPE_API_KEY", "sk_test_it",
                "CLAIMPILOT_SHIPSTATION_API_KEY", "it-key",
                "CLAIMPILOT_SHIPSTATION_API_SECRET", "it-secret");
    }

    static String[] submit(PackagedApp replica, String body) throws Exception {
        HttpResponse<String> created = replica.post("/api/claims", SHOP, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var claim = JSON.readTree(created.body());
        return new String[] {claim.path("id").asText(), claim.path("status").asText()};
    }

    /** Waits until every claim is COMPLETED, asking the replicas in turn; fails with the claims still open. */
    static void awaitCompleted(List<PackagedApp> replicas, List<String> claimIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> open = new ArrayList<>(claimIds);
        int turn = 0;
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            PackagedApp replica = replicas.get(turn++ % replicas.size());
            List<String> stillOpen = new ArrayList<>();
            for (String id : open) {
                String status = replica.getJson("/api/claims/" + id, AGENT).path("status").asText();
                if (status.equals("FAILED") || status.equals("IN_REVIEW")) {
                    throw new AssertionError("Claim " + id + " ended " + status + ":\n"
                            + replica.getJson("/api/claims/" + id + "/audit", AGENT));
                }
                if (!status.equals("COMPLETED")) {
                    stillOpen.add(id);
                }
            }
            open = stillOpen;
            if (!open.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertThat(open).as("claims not COMPLETED within " + timeout).isEmpty();
    }

    static String refundClaim(String externalId, int n) {
        return """
                {"externalId":"%s","orderId":"it-order-%s","reason":"ORDER_CANCELLED_BEFORE_SHIPMENT",
                 "customer":{"id":"c-%s","email":"c%s@example.com","locale":"en"},
                 "amount":{"amount":"19.90","currency":"EUR"},
                 "items":[{"sku":"MUG-01","quantity":1,"unitPrice":{"amount":"19.90","currency":"EUR"}}],
                 "order":{"fulfillment":"UNFULFILLED","totalPaid":{"amount":"19.90","currency":"EUR"},
                          "paymentReference":"pi_it_%s","placedAt":"2026-11-20T10:00:00Z"},
                 "evidence":[]}
                """.formatted(externalId, externalId, externalId, externalId, n);
    }

    static String reshipClaim(String externalId, int n) {
        return """
                {"externalId":"%s","orderId":"it-order-%s","reason":"RETURN_SCANNED",
                 "customer":{"id":"c-%s","email":"c%s@example.com","locale":"en","name":"Customer %d"},
                 "amount":{"amount":"24.50","currency":"EUR"},
                 "items":[{"sku":"IT-SKU-1","quantity":2,"unitPrice":{"amount":"12.25","currency":"EUR"}}],
                 "order":{"fulfillment":"DELIVERED","totalPaid":{"amount":"24.50","currency":"EUR"},
                          "paymentReference":"pi_it_%s","placedAt":"2026-11-10T09:30:00Z"},
                 "shippingAddress":{"line1":"%d rue de la Paix","postalCode":"75002","city":"Paris","country":"FR"},
                 "evidence":[]}
                """.formatted(externalId, externalId, externalId, externalId, n, n, n);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The replicas' logs stay in target/it-logs after the run, for reading when a test fails. */
    static Path logs() throws java.io.IOException {
        return java.nio.file.Files.createDirectories(PackagedApp.projectRoot().resolve("target").resolve("it-logs"));
    }
}
