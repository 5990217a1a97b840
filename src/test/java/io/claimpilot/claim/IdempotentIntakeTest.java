package io.claimpilot.claim;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The same externalId twice, or twenty times at once, makes one claim and one evaluation. */
@QuarkusTest
class IdempotentIntakeTest {

    @Inject
    Db db;

    @Test
    void theSameExternalIdAgainReturnsTheExistingClaimWith200() {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map();
        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201).extract().path("id");

        as(SHOP).body(body).post("/api/claims").then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("REFUND_APPROVED"));

        assertThat(db.count("select count(*) from decision where claim_id = ?1", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", id)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentSubmissionsMakeExactlyOneClaim() throws Exception {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map();
        String externalId = (String) body.get("externalId");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> {
                start.await();
                return as(SHOP).body(body).post("/api/claims").then().extract().statusCode();
            });
        }
        List<Future<Integer>> results = new ArrayList<>();
        calls.forEach(call -> results.add(pool.submit(call)));
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(db.count("select count(*) from claim where external_id = ?1", externalId)).isEqualTo(1);
        assertThat(db.count("select count(*) from decision d join claim c on c.id = d.claim_id where c.external_id = ?1",
                externalId)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox o join claim c on c.id = o.claim_id where c.external_id = ?1"
                + " and o.action in ('REFUND', 'RESHIP')",
                externalId)).isEqualTo(1);
    }
}
