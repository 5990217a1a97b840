package io.claimpilot.outbox;

import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Intake's backpressure: while more runnable actions are due than the bound, a new claim is refused with 503 and
 * Retry-After, and nothing is stored; once the dispatcher has caught up, claims are taken again.
 */
@QuarkusTest
@TestProfile(OutboxBacklogTest.SmallBound.class)
class OutboxBacklogTest {

    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("claimpilot.intake.max-due-actions", "4");
        }
    }

    @Inject
    OutboxBacklog backlog;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;
    @Inject
    Outbox outbox;

    @Test
    void aClaimIsRefusedWhileTheBacklogIsOverTheBoundAndTakenOnceItIsWorkedOff() {
        drain();
        // Each refunded claim queues its acknowledgment, its helpdesk note and its refund: two claims pass the bound.
        post(uniqueId("ext")).statusCode(201);
        post(uniqueId("ext")).statusCode(201);
        backlog.forget();
        assertThat(backlog.dueActions()).isGreaterThan(4);

        String refused = uniqueId("ext");
        post(refused).statusCode(503)
                .contentType(containsString("application/problem+json"))
                .header("Retry-After", equalTo(String.valueOf(OutboxBacklog.RETRY_AFTER.toSeconds())))
                .body("title", equalTo("Catching up"))
                .body("detail", containsString("Nothing was stored"));
        assertThat(db.count("select count(*) from claim where external_id = ?1", refused)).isZero();

        drain();
        backlog.forget();
        post(refused).statusCode(201);
    }

    @Test
    void actionsNobodyHereCanRunDoNotHoldIntakeBack() {
        drain();
        String claimId = post(uniqueId("ext")).statusCode(201).extract().path("id");
        drain();
        // Queued for a connector this service does not have: they wait for one, and count for nothing here.
        for (int i = 0; i < 10; i++) {
            int n = i;
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.enqueue(claimId, "NO_SUCH_CONNECTOR", "q" + n, new DispatcherTest.OrphanAction("x")));
        }
        backlog.forget();
        assertThat(backlog.dueActions()).isLessThanOrEqualTo(4);
        post(uniqueId("ext")).statusCode(201);
    }

    private io.restassured.response.ValidatableResponse post(String externalId) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "21.00").externalId(externalId)
                .item(uniqueId("SKU"), 1, "21.00").map()).post("/api/claims").then();
    }

    private void drain() {
        for (int i = 0; i < 100 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
