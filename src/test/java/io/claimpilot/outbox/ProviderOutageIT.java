package io.claimpilot.outbox;

import io.claimpilot.db.EmbeddedDatabase;
import io.claimpilot.support.PackagedApp;
import io.claimpilot.support.ProviderFake;
import io.claimpilot.support.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.claimpilot.outbox.OutboxReplicasIT.awaitCompleted;
import static io.claimpilot.outbox.OutboxReplicasIT.connectorProperties;
import static io.claimpilot.outbox.OutboxReplicasIT.refundClaim;
import static io.claimpilot.outbox.OutboxReplicasIT.secrets;
import static io.claimpilot.outbox.OutboxReplicasIT.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe down for a while (every refund answered 503 for {@link #OUTAGE} of real time, a shortened stand-in for an
 * incident of minutes), then back: the refunds decided meanwhile wait with a growing backoff, then drain, and each is
 * made exactly once. What is counted is what the fake Stripe received: every refund POST per Idempotency-Key, and
 * those it answered 200, i.e. the refunds it made.
 */
class ProviderOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final int REFUNDS = 10;

    @TempDir
    Path dir;

    @RegisterExtension
    final Resources resources = new Resources();

    @Test
    void refundsDecidedWhileStripeIsDownAreMadeOnceEachAfterItRecoversWithBackoffInBetween() throws Exception {
        EmbeddedDatabase database = resources.track(EmbeddedDatabase.start(dir.resolve("pg")));
        ProviderFake stripe = resources.track(ProviderFake.start(Duration.ofMillis(20)));
        Map<String, String> properties = new HashMap<>(connectorProperties(stripe, "200ms", "10", "30s"));
        // A short backoff, so that a 15 s outage shows several attempts and the backlog drains soon after it.
        properties.put("claimpilot.dispatch.backoff-base", "1s");
        properties.put("claimpilot.dispatch.backoff-max", "4s");
        properties.put("claimpilot.dispatch.max-attempts", "20");
        PackagedApp app = resources.track(PackagedApp.start("provider-outage", OutboxReplicasIT.logs(), database.jdbcUrl(), properties, secrets()));
        app.awaitReady();

        stripe.refundsDown();
        List<String> claims = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String[]>> submitted = new ArrayList<>();
        for (int i = 0; i < REFUNDS; i++) {
            int n = i;
            submitted.add(clients.submit(() -> submit(app, refundClaim("outage-" + n, n))));
        }
        for (Future<String[]> claim : submitted) {
            assertThat(claim.get()[1]).isEqualTo("REFUND_APPROVED");
            claims.add(claim.get()[0]);
        }
        clients.shutdown();
        // The outage lasts OUTAGE from the last decision: every refund waits through all of it.
        Thread.sleep(OUTAGE.toMillis());
        assertThat(stripe.refundsMadeByKey()).as("refunds made while Stripe was down").isEmpty();
        int refusedDuringOutage = stripe.refundCalls();
        // Each refund tried, refused, and tried again after its backoff while Stripe was down.
        assertThat(refusedDuringOutage).as("refund attempts Stripe refused").isGreaterThanOrEqualTo(2 * REFUNDS);
        stripe.refundsBackUp();

        awaitCompleted(List.of(app), claims, Duration.ofSeconds(60));

        Map<String, Integer> made = stripe.refundsMadeByKey();
        assertThat(made.keySet()).containsExactlyInAnyOrderElementsOf(claims.stream().map(id -> id + ":REFUND").toList());
        assertThat(made).as("refunds made per idempotency key").allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
             ResultSet rows = db.createStatement().executeQuery("select count(*), min(attempts), max(attempts)"
                     + " from outbox where action = 'REFUND' and status = 'DONE' and claim_id in ('"
                     + String.join("','", claims) + "')")) {
            rows.next();
            assertThat(rows.getInt(1)).as("refund actions DONE").isEqualTo(REFUNDS);
            // Attempted during the outage and again after it; with a backoff, not once per dispatch run (200 ms).
            assertThat(rows.getInt(2)).as("fewest attempts of a refund").isGreaterThan(1);
            assertThat(rows.getInt(3)).as("most attempts of a refund").isLessThan((int) (OUTAGE.toMillis() / 200 / 2));
        }
    }
}
