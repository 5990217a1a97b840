package io.claimpilot.review;

import io.claimpilot.security.ApiKeys;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.hamcrest.Matchers.equalTo;

/** A large agent refund needs a second, different agent: enforced on the server. */
@QuarkusTest
class FourEyesTest {

    private static final String SECOND_AGENT = "four-eyes-second-agent-key";

    @Inject
    Db db;

    @BeforeEach
    void secondAgent() {
        if (db.count("select count(*) from api_key where key_hash = ?1", ApiKeys.hash(SECOND_AGENT)) == 0) {
            db.execute("insert into api_key (id, owner, role, key_hash, demo, active, created_at) values ('key-second-agent', "
                    + "'second-agent', 'agent', ?1, false, true, now())", ApiKeys.hash(SECOND_AGENT));
        }
    }

    private static String claimInReview() {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "600.00").orderId(uniqueId("order")).totalPaid("600.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    /** The claim's entry in the queue, wherever it is: other tests leave claims in it too. */
    private static Map<String, Object> queueEntry(String claimId) {
        for (int page = 0; page < 50; page++) {
            java.util.List<Map<String, Object>> items = as(AGENT).get("/api/reviews?size=100&page=" + page).path("items");
            for (Map<String, Object> item : items) {
                if (claimId.equals(item.get("claimId"))) {
                    return item;
                }
            }
            if (items.size() < 100) {
                break;
            }
        }
        throw new AssertionError("claim " + claimId + " is not in the queue");
    }

    @Test
    void aRefundAtTheThresholdNeedsOneAgent() {
        String id = claimInReview();

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("300.00"), "note", "ok")).post("/api/reviews/" + id + "/resolve")
                .then().statusCode(200).body("status", equalTo("REFUND_APPROVED"));
    }

    @Test
    void aRefundAboveTheThresholdWaitsForASecondDifferentAgent() {
        String id = claimInReview();

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("300.01"), "note", "Goodwill for a loyal customer"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(202)
                .body("claimId", equalTo(id)).body("proposedBy", equalTo("demo-agent"))
                .body("amount.amount", equalTo("300.01"));
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));
        org.assertj.core.api.Assertions.assertThat(queueEntry(id).get("pendingApproval"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("proposedBy", "demo-agent");

        as(AGENT).post("/api/reviews/" + id + "/approve").then().statusCode(403).contentType("application/problem+json");
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        // No body and no content type, as curl sends it.
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + SECOND_AGENT)
                .post("/api/reviews/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.amount.amount", equalTo("300.01"))
                .body("decision.decidedBy", equalTo("demo-agent, approved by second-agent"))
                .body("decision.note", equalTo("Goodwill for a loyal customer"));
        as(SECOND_AGENT).post("/api/reviews/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void approvingWithoutAPendingRefundIs409AndAnOversizedProposalIsRefusedAtOnce() {
        String id = claimInReview();
        as(SECOND_AGENT).post("/api/reviews/" + id + "/approve").then().statusCode(409);

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("600.01"), "note", "too much"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(400).body("field", equalTo("amount.amount"));
    }
}
