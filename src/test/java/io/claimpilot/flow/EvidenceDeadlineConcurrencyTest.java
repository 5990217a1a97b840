package io.claimpilot.flow;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** Several job instances at once (as on several replicas) escalate each overdue claim exactly once. */
@QuarkusTest
class EvidenceDeadlineConcurrencyTest {

    @Inject
    EvidenceDeadlineJob deadlineJob;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Test
    void concurrentJobsEscalateEveryOverdueClaimExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(as(SHOP).body(claim("DAMAGED", "20.00").item(uniqueId("SKU"), 1, "20.00").map())
                    .post("/api/claims").then().statusCode(201).extract().path("id"));
        }
        clock.advance(Duration.ofHours(49));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                int total = 0;
                int batch;
                do {
                    batch = deadlineJob.moveBatch(3);
                    total += batch;
                } while (batch > 0);
                return total;
            }));
        }
        start.countDown();
        int escalated = 0;
        for (Future<Integer> run : runs) {
            escalated += run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(escalated).isGreaterThanOrEqualTo(ids.size());
        for (String id : ids) {
            assertThat(db.count("select count(*) from claim_audit where claim_id = ?1 and to_status = 'IN_REVIEW'", id))
                    .as("escalations of %s", id).isEqualTo(1);
            assertThat(db.count("select count(*) from decision where claim_id = ?1 and action = 'HUMAN_REVIEW'", id)).isEqualTo(1);
        }
    }
}
