package io.claimpilot.claim;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The first claim seen for an order pins what the order paid, in which currency, and through which payment. Later
 * claims cannot raise the refundable balance, move the refund to another payment, or refund in another currency.
 */
@QuarkusTest
class PinnedOrderFactsTest {

    @Inject
    Db db;

    @Test
    void aLaterClaimStatingAHigherTotalGoesToReviewAndTheBalanceKeepsThePinnedTotal() {
        String order = uniqueId("order");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "100.00").orderId(order).totalPaid("120.00"), "REFUND_APPROVED");

        // Today this claim saw 180.00 - 100.00 = 80.00 left, and refunded 50.00 more than the order paid.
        String inflated = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "50.00").orderId(order).totalPaid("180.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.orderTotalPaid", equalTo("120.00"))
                .body("facts.refundableBalance", equalTo("20.00"))
                .extract().path("id");

        String reason = "the claim's order total 180.00 EUR differs from the 120.00 EUR first recorded for order " + order;
        as(AGENT).get("/api/claims/" + inflated + "/audit").then().statusCode(200)
                .body("reason", hasItem(containsString(reason)));
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null and reason like ?2",
                inflated, reason + "%")).isEqualTo(1);
        // An agent cannot refund past the pinned total either.
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("50.00"), "note", "as asked"))
                .post("/api/reviews/" + inflated + "/resolve").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("20.00 EUR left to refund"));

        // A claim that agrees with the record is decided as usual, against the pinned balance.
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").orderId(order).totalPaid("120.00"), "REFUND_APPROVED");
        assertThat(db.count("select count(*) from order_record where order_id = ?1 and total_paid = 120.00 and currency = 'EUR'",
                order)).isEqualTo(1);
    }

    @Test
    void aLaterClaimNamingAnotherPaymentGoesToReviewAndTheRefundGoesToThePinnedPayment() {
        String order = uniqueId("order");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").orderId(order).totalPaid("120.00").paymentReference("pi_first"),
                "REFUND_APPROVED");

        String moved = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").orderId(order).totalPaid("120.00")
                        .paymentReference("pi_attacker").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        as(AGENT).get("/api/claims/" + moved + "/audit").then().statusCode(200)
                .body("reason", hasItem(containsString("the claim's payment reference pi_attacker differs from the pi_first"
                        + " first recorded for order " + order)));

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("10.00"), "note", "checked with the customer"))
                .post("/api/reviews/" + moved + "/resolve").then().statusCode(200);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND'"
                + " and payload->>'paymentReference' = 'pi_first'", moved)).isEqualTo(1);
    }

    @Test
    void aClaimInAnotherCurrencyThanThePinnedOneIsRefusedAndNothingIsStored() {
        String order = uniqueId("order");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").orderId(order).totalPaid("120.00"), "REFUND_APPROVED");
        long rowsBefore = db.rowsEverywhere();
        String externalId = uniqueId("ext");

        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "50000").orderId(order).externalId(externalId)
                        .totalPaid("120000").currency("HUF").map())
                .post("/api/claims").then().statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("amount.currency"))
                .body("detail", containsString("the order was paid in EUR"));

        assertThat(db.count("select count(*) from claim where external_id = ?1", externalId)).isZero();
        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void concurrentFirstClaimsPinExactlyOneRecordAndEveryOtherTotalGoesToReview() throws Exception {
        String order = uniqueId("order");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String total = i % 2 == 0 ? "120.00" : "180.00";
            calls.add(() -> {
                start.await();
                return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").orderId(order).totalPaid(total).map())
                        .post("/api/claims").then().statusCode(201).extract().path("id");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<String>> results = new ArrayList<>();
        calls.forEach(call -> results.add(pool.submit(call)));
        start.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<String> result : results) {
            ids.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(db.count("select count(*) from order_record where order_id = ?1", order)).isEqualTo(1);
        String pinned = db.count("select count(*) from order_record where order_id = ?1 and total_paid = 120.00", order) == 1
                ? "120.0000" : "180.0000";
        // Every claim that agrees with the one record was decided; every other one waits for a person.
        assertThat(db.count("select count(*) from claim where order_id = ?1 and order_total_paid = cast(?2 as numeric)"
                + " and status = 'REFUND_APPROVED'", order, pinned)).isEqualTo(6);
        assertThat(db.count("select count(*) from claim where order_id = ?1 and order_total_paid <> cast(?2 as numeric)"
                + " and status = 'IN_REVIEW'", order, pinned)).isEqualTo(6);
        assertThat(ids).hasSize(12);
    }

    @Test
    void anAdminCorrectsAPinnedOrderAndTheCorrectionIsAudited() {
        String order = uniqueId("order");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "100.00").orderId(order).totalPaid("120.00").paymentReference("pi_wrong"),
                "REFUND_APPROVED");
        Map<String, Object> correction = Map.of("totalPaid", money("180.00"), "paymentReference", "pi_right",
                "reason", "The first claim was sent before the shipping surcharge was paid");

        as(AGENT).body(correction).put("/api/orders/" + order).then().statusCode(403);
        as(SHOP).body(correction).put("/api/orders/" + order).then().statusCode(403);
        as(ADMIN).body(correction).put("/api/orders/" + order).then().statusCode(200)
                .body("orderId", equalTo(order))
                .body("totalPaid.amount", equalTo("180.00"))
                .body("totalPaid.currency", equalTo("EUR"))
                .body("paymentReference", equalTo("pi_right"));

        as(ACCOUNTANT).get("/api/orders/" + order).then().statusCode(200)
                .body("totalPaid.amount", equalTo("180.00"))
                .body("corrections[0].by", equalTo("admin"))
                .body("corrections[0].at", org.hamcrest.Matchers.notNullValue())
                .body("corrections[0].from.totalPaid.amount", equalTo("120.00"))
                .body("corrections[0].from.paymentReference", equalTo("pi_wrong"))
                .body("corrections[0].to.totalPaid.amount", equalTo("180.00"))
                .body("corrections[0].to.paymentReference", equalTo("pi_right"))
                .body("corrections[0].reason", equalTo("The first claim was sent before the shipping surcharge was paid"));
        // The corrections are history: the service cannot rewrite them.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute("delete from order_correction where order_id = ?1", order))
                .hasMessageContaining("append-only");

        // Claims stating the corrected facts are decided, against the corrected balance (180.00 - 100.00).
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "80.00").orderId(order).totalPaid("180.00").paymentReference("pi_right"),
                "REFUND_APPROVED");
    }

    @Test
    void aBadCorrectionIsAProblemNamingTheFieldAndChangesNothing() {
        String order = uniqueId("order");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").orderId(order).totalPaid("120.00"), "REFUND_APPROVED");

        as(ADMIN).body(Map.of("totalPaid", money("-1.00"), "reason", "typo")).put("/api/orders/" + order).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("totalPaid.amount"));
        as(ADMIN).body(Map.of("totalPaid", money("1.001"), "reason", "typo")).put("/api/orders/" + order).then().statusCode(400)
                .body("field", equalTo("totalPaid.amount"));
        as(ADMIN).body(Map.of("totalPaid", money("130.00"))).put("/api/orders/" + order).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        as(ADMIN).body(Map.of("reason", "no total")).put("/api/orders/" + order).then().statusCode(400)
                .body("field", equalTo("totalPaid"));
        as(ADMIN).body(Map.of("totalPaid", money("130.00"), "reason", "unknown")).put("/api/orders/" + uniqueId("order"))
                .then().statusCode(404).contentType("application/problem+json");
        // Refunds were approved in EUR: the order's currency cannot change under them.
        as(ADMIN).body(Map.of("totalPaid", money("47000", "HUF"), "reason", "paid in forints")).put("/api/orders/" + order)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("EUR"));

        as(ADMIN).get("/api/orders/" + order).then().statusCode(200)
                .body("totalPaid.amount", equalTo("120.00"))
                .body("corrections", org.hamcrest.Matchers.empty())
                .body("paymentReference", equalTo("pi_123"));
        as(ADMIN).get("/api/orders/" + uniqueId("order")).then().statusCode(404);
        assertThat(db.count("select count(*) from order_correction where order_id = ?1", order)).isZero();
    }

    private void submit(io.claimpilot.support.Api.ClaimBody claim, String status) {
        as(SHOP).body(claim.map()).post("/api/claims").then().statusCode(201).body("status", equalTo(status))
                .body("decision.reasons", org.hamcrest.Matchers.not(hasItem(containsString("first recorded"))));
    }
}
