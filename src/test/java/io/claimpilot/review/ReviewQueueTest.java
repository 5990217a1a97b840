package io.claimpilot.review;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** Agents work the human queue: oldest first, paginated, resolutions with notes and checked amounts. */
@QuarkusTest
class ReviewQueueTest {

    @Inject
    Db db;
    @Inject
    MutableClock clock;

    private String claimInReview(String amount, String orderId, String totalPaid) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).orderId(orderId).totalPaid(totalPaid).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    @Test
    void queueIsOldestFirstAndPaginated() {
        db.execute("update review_task set resolved_at = now(), resolved_by = 'cleanup' where resolved_at is null");
        String first = claimInReview("200.00", uniqueId("order"), "500.00");
        clock.advance(Duration.ofMinutes(1));
        String second = claimInReview("201.00", uniqueId("order"), "500.00");
        clock.advance(Duration.ofMinutes(1));
        String third = claimInReview("202.00", uniqueId("order"), "500.00");

        as(AGENT).get("/api/reviews?page=0&size=2").then().statusCode(200)
                .body("total", equalTo(3))
                .body("size", equalTo(2))
                .body("items.claimId", equalTo(List.of(first, second)))
                .body("items[0].reason", equalTo("Amount above the 150.00 EUR cap for automatic refunds"))
                .body("items[0].claim.amount.amount", equalTo("200.00"))
                .body("items[0].claim.decision.rulesFired[0]", equalTo("Cancelled before shipment, above the cap: review"));
        as(AGENT).get("/api/reviews?page=1&size=2").then().statusCode(200)
                .body("items.claimId", equalTo(List.of(third)));
        as(AGENT).get("/api/reviews?size=0").then().statusCode(400).body("field", equalTo("size"));
        as(AGENT).get("/api/reviews?size=101").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void agentRefundsPartOfTheAmountAndTheClaimLeavesTheQueue() {
        String id = claimInReview("180.00", uniqueId("order"), "180.00");

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("20.00"), "note", "Partial refund agreed by phone"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200)
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.action", equalTo("REFUND"))
                .body("decision.amount.amount", equalTo("20.00"))
                .body("decision.decidedBy", equalTo("agent"))
                .body("decision.note", equalTo("Partial refund agreed by phone"))
                .body("audit[-1].actor", equalTo("agent"));

        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is not null and resolution = 'REFUND'", id))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND' and payload->'amount'->>'amount' = '20.00'", id))
                .isEqualTo(1);
        as(AGENT).body(Map.of("action", "DENY", "note", "again")).post("/api/reviews/" + id + "/resolve").then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void agentReshipsOrDenies() {
        String reship = claimInReview("190.00", uniqueId("order"), "500.00");
        String deny = claimInReview("190.00", uniqueId("order"), "500.00");

        as(AGENT).body(Map.of("action", "RESHIP", "note", "Sending a new one")).post("/api/reviews/" + reship + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESHIP_APPROVED"));
        as(AGENT).body(Map.of("action", "DENY", "note", "Order was delivered and signed for"))
                .post("/api/reviews/" + deny + "/resolve").then().statusCode(200).body("status", equalTo("DENIED"));

        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'RESHIP'", reship)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", deny)).isZero();
    }

    @Test
    void resolutionsAreCheckedFieldByField() {
        String id = claimInReview("180.00", uniqueId("order"), "180.00");
        String path = "/api/reviews/" + id + "/resolve";

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("20.00"))).post(path).then()
                .statusCode(400).body("field", equalTo("note"));
        as(AGENT).body(Map.of("action", "REFUND", "note", "ok")).post(path).then()
                .statusCode(400).body("field", equalTo("amount"));
        as(AGENT).body(Map.of("action", "DENY", "amount", money("20.00"), "note", "no")).post(path).then()
                .statusCode(400).body("field", equalTo("amount"));
        as(AGENT).body(Map.of("action", "HUMAN_REVIEW", "note", "no")).post(path).then()
                .statusCode(400).body("field", equalTo("action"));
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("20.00", "USD"), "note", "ok")).post(path).then()
                .statusCode(400).body("field", equalTo("amount.currency"));
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("0.00"), "note", "ok")).post(path).then()
                .statusCode(400).body("field", equalTo("amount.amount"));
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("180.01"), "note", "ok")).post(path).then()
                .statusCode(400).body("field", equalTo("amount.amount"))
                .body("detail", org.hamcrest.Matchers.containsString("180.00 EUR left to refund"));

        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null", id)).isEqualTo(1);
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("180.00"), "note", "Full refund")).post(path).then()
                .statusCode(200);
    }

    @Test
    void refundsOnOneOrderNeverAddUpPastWhatWasPaid() {
        String order = uniqueId("order");
        String first = claimInReview("160.00", order, "200.00");
        String second = claimInReview("160.00", order, "200.00");

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("150.00"), "note", "ok"))
                .post("/api/reviews/" + first + "/resolve").then().statusCode(200);
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("50.01"), "note", "ok"))
                .post("/api/reviews/" + second + "/resolve").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("50.00 EUR left to refund"));
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("50.00"), "note", "ok"))
                .post("/api/reviews/" + second + "/resolve").then().statusCode(200);
    }

    @Test
    void unknownClaimIs404() {
        as(AGENT).body(Map.of("action", "DENY", "note", "x")).post("/api/reviews/cl_nope/resolve").then()
                .statusCode(404).contentType("application/problem+json");
        as(AGENT).get("/api/reviews").then().statusCode(200).body("total", greaterThanOrEqualTo(0));
    }
}
