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
import java.util.List;
import java.util.Map;

import static io.claimpilot.outbox.OutboxReplicasIT.awaitCompleted;
import static io.claimpilot.outbox.OutboxReplicasIT.connectorProperties;
import static io.claimpilot.outbox.OutboxReplicasIT.refundClaim;
import static io.claimpilot.outbox.OutboxReplicasIT.secrets;
import static io.claimpilot.outbox.OutboxReplicasIT.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the packaged service while it is refunding, start it again on the same database, and check that every
 * refund was made exactly once. The fake Stripe counts the HTTP requests it received per idempotency key: a call that
 * was in flight when the process died (the dispatcher makes up to {@code claimpilot.dispatch.parallelism} at once) is made again after its lease runs out (so the fake sees that key twice), with
 * the same Idempotency-Key, which a real Stripe answers with the first refund. Every other key is called once.
 */
class OutboxCrashIT {

    private static final int CALLS_AT_ONCE = 3;

    @TempDir
    Path dir;

    @RegisterExtension
    final Resources resources = new Resources();

    @Test
    void afterASigkillMidDispatchEveryRefundIsMadeExactlyOnce() throws Exception {
        EmbeddedDatabase database = resources.track(EmbeddedDatabase.start(dir.resolve("pg")));
        // Each refund takes 300 ms at the provider: the kill lands while calls are in flight.
        ProviderFake stripe = resources.track(ProviderFake.start(Duration.ofMillis(300)));
        Map<String, String> properties = new java.util.HashMap<>(connectorProperties(stripe, "1s", "10", "15s"));
        // The dispatcher calls providers for several claims at once: at most this many calls are in flight at the kill.
        properties.put("claimpilot.dispatch.parallelism", Integer.toString(CALLS_AT_ONCE));

        PackagedApp doomed = resources.track(PackagedApp.start("before-kill", logs(), database.jdbcUrl(), properties, secrets()));
        doomed.awaitReady();
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String[] claim = submit(doomed, refundClaim("crash-" + i, i));
            assertThat(claim[1]).isEqualTo("REFUND_APPROVED");
            claims.add(claim[0]);
        }
        awaitRefundCalls(stripe, 5, Duration.ofMinutes(1));
        doomed.killHard();
        int callsBeforeKill = stripe.refundCalls();
        assertThat(callsBeforeKill).as("the kill came before every refund was made").isLessThan(claims.size());

        PackagedApp restarted = resources.track(PackagedApp.start("after-kill", logs(), database.jdbcUrl(), properties, secrets()));
        restarted.awaitReady();
        awaitCompleted(List.of(restarted), claims, Duration.ofMinutes(3));

        Map<String, Integer> calls = stripe.refundCallsByKey();
        assertThat(calls.keySet()).as("one refund per claim, no other").hasSize(claims.size());
        claims.forEach(id -> assertThat(calls).containsKey(id + ":REFUND"));
        List<String> calledTwice = calls.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();

        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres")) {
            // A key is called again only (a) after a failed attempt (a timeout on a loaded machine: the action keeps
            // its last_error), or (b) because its call was in flight at the kill. The killed replica called at most
            // CALLS_AT_ONCE refunds at a time, so (b) is at most that many keys.
            List<String> retriedAfterAFailure = strings(db, "select idempotency_key from outbox where action = 'REFUND'"
                    + " and last_error is not null");
            List<String> inFlightAtTheKill = calledTwice.stream().filter(key -> !retriedAfterAFailure.contains(key)).toList();
            assertThat(inFlightAtTheKill).hasSizeLessThanOrEqualTo(CALLS_AT_ONCE);
            // Every refund action is DONE with the refund the provider made for its key: one refund per claim.
            assertThat(count(db, "select count(*) from outbox where action = 'REFUND' and status = 'DONE'"
                    + " and provider_reference = 're_' || idempotency_key")).isEqualTo(claims.size());
            // What the killed process held (the call in flight and the rest of its batch) was taken again once the
            // lease ran out; only the call in flight had reached the provider.
            assertThat(count(db, "select count(*) from outbox where action = 'REFUND' and attempts > 1"))
                    .isGreaterThanOrEqualTo(calledTwice.size());
            for (String key : calledTwice) {
                assertThat(count(db, "select count(*) from outbox where idempotency_key = '" + key + "' and attempts > 1"))
                        .as("%s was called twice, so it was attempted twice", key).isEqualTo(1);
            }
            // Work was done by the killed process and by the restarted one.
            assertThat(count(db, "select count(distinct dispatched_by) from outbox where action = 'REFUND'")).isEqualTo(2);
        }
    }

    private static void awaitRefundCalls(ProviderFake stripe, int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stripe.refundCalls() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The service made only " + stripe.refundCalls() + " refund calls in " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static List<String> strings(Connection db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Path logs() throws java.io.IOException {
        return OutboxReplicasIT.logs();
    }
}
