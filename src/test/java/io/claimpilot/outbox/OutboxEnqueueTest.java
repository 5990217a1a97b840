package io.claimpilot.outbox;

import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;

/** The idempotency key decides: queuing the same action twice keeps the first, in one transaction or in two. */
@QuarkusTest
class OutboxEnqueueTest {

    record Probe(String claimId, BigDecimal amount, String note) {
    }

    @Inject
    Outbox outbox;
    @Inject
    Db db;

    @Test
    void theSameKeyQueuedAgainKeepsTheFirstEntryAndItsPayload() {
        String claimId = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "12.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        Probe first = new Probe(claimId, new BigDecimal("12.30"), "first");

        long[] ids = QuarkusTransaction.requiringNew().call(() -> new long[] {
                outbox.enqueue(claimId, "PROBE", "q", first),
                outbox.enqueue(claimId, "PROBE", "q", new Probe(claimId, BigDecimal.ONE, "second, same transaction"))});
        long later = QuarkusTransaction.requiringNew().call(() ->
                outbox.enqueue(claimId, "PROBE", "q", new Probe(claimId, BigDecimal.TEN, "third, another transaction")));

        assertThat(ids[1]).isEqualTo(ids[0]);
        assertThat(later).isEqualTo(ids[0]);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'PROBE'", claimId)).isEqualTo(1);
        OutboxEntry stored = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.<OutboxEntry>findById(ids[0]));
        assertThat(stored.idempotencyKey).isEqualTo(claimId + ":PROBE:q");
        assertThat(stored.status).isEqualTo(OutboxStatus.PENDING);
        assertThat(stored.nextAttemptAt).isEqualTo(stored.createdAt);
        assertThat(stored.payloadAs(Probe.class)).isEqualTo(first);
    }
}
