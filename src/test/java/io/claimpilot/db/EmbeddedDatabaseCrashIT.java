package io.claimpilot.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.support.PackagedApp;
import io.claimpilot.support.PostgresProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as it runs by default, on its own embedded PostgreSQL, killed with SIGKILL while eight clients post
 * claims, then started again on the same data folder. Before the fix the PostgreSQL of the killed JVM kept running,
 * and the next start failed on its {@code postmaster.pid}; only the start after that one succeeded.
 */
class EmbeddedDatabaseCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;
    /** Claims answered 201 before the kill: enough that decisions and dispatches are in flight when it lands. */
    private static final int ACCEPTED_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    private final List<PackagedApp> apps = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (PackagedApp app : apps) {
            app.close();
        }
    }

    @Test
    void afterASigkillUnderLoadTheFirstStartSucceedsAndEveryAcceptedClaimAndActionIsThereExactlyOnce() throws Exception {
        Path data = dir.resolve("pg");
        // Dispatch often, and take back quickly what the killed process held, so the test stays short.
        Map<String, String> properties = Map.of("claimpilot.dispatch.every", "200ms", "claimpilot.dispatch.lease", "5s");
        PackagedApp doomed = track(PackagedApp.startOnEmbeddedDatabase("sigkill-embedded-before", logs(), data, properties, Map.of()));
        doomed.awaitReady();

        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                for (int n = 0; posting.get(); n++) {
                    try {
                        HttpResponse<String> created = doomed.post("/api/claims", "demo-shop-key",
                                cancelledClaim("sk-" + run + "-" + client + "-" + n));
                        if (created.statusCode() == 201) {
                            accepted.add(JSON.readTree(created.body()).path("id").asText());
                        }
                    } catch (IOException cutOff) {
                        return null; // the service is gone
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (accepted.size() < ACCEPTED_BEFORE_KILL && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(accepted).as("claims accepted under load before the kill").hasSizeGreaterThanOrEqualTo(ACCEPTED_BEFORE_KILL);
        doomed.killHard();
        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(40, TimeUnit.SECONDS)).isTrue();

        // At once, as a supervisor restarting the service would: the first start must succeed.
        PackagedApp restarted = track(PackagedApp.startOnEmbeddedDatabase("sigkill-embedded-after", logs(), data, properties, Map.of()));
        restarted.awaitReady();

        try (Connection db = PostgresProcesses.connect(data)) {
            Map<String, long[]> stored = decisionsAndActions(db, accepted);
            assertThat(stored.keySet()).as("every claim answered 201 is stored").containsExactlyInAnyOrderElementsOf(accepted);
            stored.forEach((id, counts) -> {
                assertThat(counts[0]).as("decisions of %s", id).isEqualTo(1);
                assertThat(counts[1]).as("outbox actions of %s", id).isGreaterThanOrEqualTo(1);
            });
            // Every claim of this run, including those whose answer the kill cut off.
            awaitAllActionsDone(db, run, Duration.ofSeconds(60));
            Map<String, Long> callsPerAction = sandboxCallsPerAction(db, run);
            assertThat(callsPerAction).isNotEmpty();
            assertThat(callsPerAction).as("sandbox calls per outbox idempotency key").allSatisfy((key, calls) ->
                    assertThat(calls).as(key).isEqualTo(1));
            assertThat(count(db, "select count(*) from sandbox_call s join claim c on c.id = s.claim_id"
                    + " where c.external_id like 'sk-" + run + "-%'"))
                    .as("no sandbox call without its outbox action").isEqualTo(callsPerAction.size());
        }

        restarted.close();
        assertThat(PostgresProcesses.of(data)).as("processes of the data folder after a normal stop").isEmpty();
    }

    /** Per claim id: how many decisions, how many outbox actions. */
    private static Map<String, long[]> decisionsAndActions(Connection db, Set<String> ids) throws Exception {
        Map<String, long[]> stored = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement("select c.id,"
                + " (select count(*) from decision d where d.claim_id = c.id),"
                + " (select count(*) from outbox o where o.claim_id = c.id)"
                + " from claim c where c.id = any(?)")) {
            query.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
        }
        return stored;
    }

    private static void awaitAllActionsDone(Connection db, String run, Duration timeout) throws Exception {
        String open = "select count(*) from outbox o join claim c on c.id = o.claim_id"
                + " where c.external_id like 'sk-" + run + "-%' and o.status <> 'DONE'";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(db, open) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count(db, open) + " actions not DONE within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** Each outbox action of the run, by idempotency key, with the sandbox calls recorded under that key. */
    private static Map<String, Long> sandboxCallsPerAction(Connection db, String run) throws Exception {
        Map<String, Long> calls = new TreeMap<>();
        try (ResultSet rows = db.createStatement().executeQuery("select o.idempotency_key, count(s.id)"
                + " from outbox o join claim c on c.id = o.claim_id"
                + " left join sandbox_call s on s.idempotency_key = o.idempotency_key"
                + " where c.external_id like 'sk-" + run + "-%' group by o.idempotency_key")) {
            while (rows.next()) {
                calls.put(rows.getString(1), rows.getLong(2));
            }
        }
        return calls;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Cancelled before shipment, a small amount, a customer of its own: refunded automatically. */
    static String cancelledClaim(String externalId) {
        return """
                {"externalId":"%1$s","orderId":"order-%1$s","reason":"ORDER_CANCELLED_BEFORE_SHIPMENT",
                 "customer":{"id":"cust-%1$s","email":"%1$s@example.com","locale":"en"},
                 "amount":{"amount":"2.50","currency":"EUR"},
                 "items":[{"sku":"MUG-01","quantity":1,"unitPrice":{"amount":"2.50","currency":"EUR"}}],
                 "order":{"fulfillment":"UNFULFILLED","totalPaid":{"amount":"2.50","currency":"EUR"},
                          "paymentReference":"pi_%1$s","placedAt":"2026-11-20T10:00:00Z"},
                 "evidence":[]}
                """.formatted(externalId);
    }

    /** The services' logs stay in target/it-logs after the run, for reading when a test fails. */
    static Path logs() throws IOException {
        return Files.createDirectories(PackagedApp.projectRoot().resolve("target").resolve("it-logs"));
    }

    private PackagedApp track(PackagedApp app) {
        apps.add(app);
        return app;
    }
}
