package io.claimpilot.claim;

import io.claimpilot.flow.EvidenceDeadlineJob;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** The merchant's three starting workflows through the real API, on the embedded PostgreSQL. */
@QuarkusTest
class ClaimWorkflowsTest {

    @Inject
    Db db;
    @Inject
    MutableClock clock;
    @Inject
    EvidenceDeadlineJob deadlineJob;

    @Test
    void cancelledOrderWithinTheCapIsRefundedAndTheRefundIsQueued() {
        var created = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").item("MUG-01", 1, "89.90").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.action", equalTo("REFUND"))
                .body("decision.amount.amount", equalTo("89.90"))
                .body("decision.amount.currency", equalTo("EUR"))
                .body("decision.rulesFired", equalTo(List.of("Cancelled before shipment, up to the cap: refund")))
                .body("decision.policyVersion.length()", equalTo(64))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/claims/" + id);
        assertThat(created.<String>path("decision.decidedAt")).isNotBlank();

        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND' and status = 'PENDING'"
                + " and idempotency_key = ?2", id, id + ":REFUND")).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and payload->'amount'->>'amount' = '89.90'", id)).isEqualTo(1);
    }

    @Test
    void cancelledOrderAboveTheCapGoesToTheQueueWithTheReason() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "150.01").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.reasons[0]", equalTo("Amount above the 150.00 EUR cap for automatic refunds"))
                .extract().path("id");

        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", id)).isZero();
    }

    @Test
    void returnedParcelIsReshippedWhenTheWarehouseHasStock() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 1)).put("/api/stock/" + sku).then().statusCode(200);

        String id = as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("decision.action", equalTo("RESHIP"))
                .body("facts.items[0].available", equalTo(1))
                .extract().path("id");

        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'RESHIP'", id)).isEqualTo(1);
    }

    @Test
    void returnedParcelWithoutStockGoesToAPerson() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 0)).put("/api/stock/" + sku).then().statusCode(200);

        as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo("Returned parcel, an item out of stock: review"));
    }

    @Test
    void damagedProductWaitsForAPhotoThenIsEvaluatedAgainWithTheSameVersion() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        var created = as(SHOP).body(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(sku, 1, "30.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .body("decision.action", equalTo("REQUEST_EVIDENCE"))
                .body("decision.messageKey", equalTo("photo-requested"))
                .extract();
        String id = created.path("id");
        Instant claimedAt = Instant.parse(created.path("createdAt"));
        assertThat(Instant.parse(created.<String>path("decision.deadline"))).isEqualTo(claimedAt.plus(Duration.ofHours(48)));

        as(SHOP).body(Map.of("type", "PHOTO", "url", "https://shop.example/photos/broken-mug.jpg"))
                .post("/api/claims/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("decision.rulesFired", equalTo(List.of("Damaged with a photo, up to the cap, in stock: reship")))
                .body("decision.policyVersion", equalTo(created.path("decision.policyVersion")))
                .body("facts.hasPhoto", equalTo(true))
                .body("evidence[0].type", equalTo("PHOTO"));
    }

    @Test
    void trackingNumberIsNotAPhotoSoTheClaimKeepsWaiting() {
        String id = as(SHOP).body(claim("DAMAGED", "30.00").item(uniqueId("SKU"), 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        as(SHOP).body(Map.of("type", "TRACKING_NUMBER", "trackingNumber", "1Z999"))
                .post("/api/claims/" + id + "/evidence").then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .body("facts.hasTrackingNumber", equalTo(true));
    }

    @Test
    void damagedProductWithoutProofIsEscalatedOnceTheDeadlinePasses() {
        String id = as(SHOP).body(claim("DAMAGED", "30.00").item(uniqueId("SKU"), 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        clock.advance(Duration.ofHours(47));
        deadlineJob.run();
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("AWAITING_EVIDENCE"));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(deadlineJob.run()).isGreaterThanOrEqualTo(1);
        ExtractableResponse<Response> claim = as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.decidedBy", equalTo("system:evidence-deadline"))
                .extract();
        List<Map<String, Object>> audit = claim.path("audit");
        assertThat(audit.get(audit.size() - 1)).containsEntry("from", "AWAITING_EVIDENCE").containsEntry("to", "IN_REVIEW")
                .containsEntry("actor", "system:evidence-deadline");
        assertThat((String) audit.get(audit.size() - 1).get("reason")).startsWith("No evidence arrived before the deadline");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1", id)).isEqualTo(1);

        assertThat(db.count("select count(*) from claim_audit where claim_id = ?1 and to_status = 'IN_REVIEW'", id))
                .as("a second run escalates nothing twice").isEqualTo(1);
        deadlineJob.run();
        assertThat(db.count("select count(*) from claim_audit where claim_id = ?1 and to_status = 'IN_REVIEW'", id)).isEqualTo(1);
    }

    @Test
    void getShowsTheFactsTheRulesSawAndTheAuditTrail() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").totalPaid("40.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                .body("facts.claimedAmount", equalTo("10.00"))
                .body("facts.orderTotalPaid", equalTo("40.00"))
                .body("facts.refundableBalance", equalTo("40.00"))
                .body("facts.customerClaimsLast30Days", equalTo(1))
                .body("facts.reason", equalTo("ORDER_CANCELLED_BEFORE_SHIPMENT"))
                .body("audit.size()", equalTo(2))
                .body("audit[0].to", equalTo("RECEIVED"))
                .body("audit[0].actor", equalTo("demo-shop"))
                .body("audit[1].from", equalTo("RECEIVED"))
                .body("audit[1].to", equalTo("REFUND_APPROVED"))
                .body("audit[1].actor", endsWith(as(AGENT).get("/api/claims/" + id).path("decision.policyVersion")));
    }

    @Test
    void aCustomersFourthClaimIn30DaysGoesToAPerson() {
        String customer = uniqueId("cust");
        for (int i = 0; i < 3; i++) {
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer).map())
                    .post("/api/claims").then().statusCode(201).body("status", equalTo("REFUND_APPROVED"));
        }
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer).map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.customerClaimsLast30Days", equalTo(4))
                .body("decision.rulesFired[0]", equalTo("Guard rail: more than 3 claims in 30 days"));
    }

    @Test
    void blocklistedCustomerGoesToAPerson() {
        String customer = uniqueId("cust");
        db.execute("insert into blocklist_entry (kind, value, reason, created_by, created_at) values ('CUSTOMER_ID', ?1, 'chargebacks', 'test', now())",
                customer);

        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer).map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.blocklisted", equalTo(true))
                .body("decision.reasons[0]", equalTo("The customer, e-mail or address is on the blocklist: chargebacks"));
    }

    @Test
    void aSecondRefundOnTheSameOrderCannotGoPastWhatWasPaid() {
        String order = uniqueId("order");
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "60.00").orderId(order).totalPaid("100.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("REFUND_APPROVED"));

        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "60.00").orderId(order).totalPaid("100.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.refundableBalance", equalTo("40.00"))
                .body("decision.rulesFired[0]", equalTo("Guard rail: claim above the order's refundable balance"));
    }

    @Test
    void aShopCannotSeeAnotherCallersClaim() {
        as(SHOP).get("/api/claims/cl_does_not_exist").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
