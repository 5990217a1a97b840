package io.claimpilot.claim;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** 20 concurrent claims and agent resolutions on one order, each for 30 % of it, never refund more than was paid. */
@QuarkusTest
class RefundableBalanceConcurrencyTest {

    @Inject
    Db db;

    @Test
    void concurrentRefundsOnOneOrderNeverPassItsTotal() throws Exception {
        String order = uniqueId("order");
        List<String> inReview = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Above the order total: the guard rail sends each to a person, who then refunds 30 %.
            inReview.add(as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "100.01").orderId(order).totalPaid("100.00").map())
                    .post("/api/claims").then().statusCode(201).extract().path("id"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                start.await();
                return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "30.00").orderId(order).totalPaid("100.00").map())
                        .post("/api/claims").then().extract().statusCode();
            });
            String id = inReview.get(i);
            calls.add(() -> {
                start.await();
                return as(AGENT).body(Map.of("action", "REFUND", "amount", money("30.00"), "note", "30 %"))
                        .post("/api/reviews/" + id + "/resolve").then().extract().statusCode();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> results = new ArrayList<>();
        calls.forEach(call -> results.add(pool.submit(call)));
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // Whichever came first won; the others were refused (400) or sent to review (201 in review).
        assertThat(statuses).allMatch(status -> status == 200 || status == 201 || status == 400);
        BigDecimal refunded = new BigDecimal(db.count("select coalesce(sum(refund_amount), 0) * 100 from claim where order_id = ?1", order))
                .movePointLeft(2);
        assertThat(refunded).isLessThanOrEqualTo(new BigDecimal("100.00"));
        assertThat(refunded).isEqualByComparingTo("90.00");
        assertThat(db.count("select count(*) from claim where order_id = ?1 and refund_amount is not null", order)).isEqualTo(3);
        // The refusals were about the balance: exactly what is left can still be refunded, and not a cent more.
        String open = inReview.stream().filter(id -> db.count("select count(*) from claim where id = ?1 and status = 'IN_REVIEW'", id) == 1)
                .findFirst().orElseThrow();
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("10.01"), "note", "too much"))
                .post("/api/reviews/" + open + "/resolve").then().statusCode(400);
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("10.00"), "note", "the rest"))
                .post("/api/reviews/" + open + "/resolve").then().statusCode(200);
    }
}
