package io.claimpilot.claim;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Cancelling, illegal transitions as 409, and an audit trail that cannot be rewritten. */
@QuarkusTest
class ClaimLifecycleApiTest {

    @Inject
    Db db;

    @Test
    void aShopCancelsAClaimInReviewAndItLeavesTheQueue() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "180.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");

        as(SHOP).body(Map.of("reason", "Customer found the parcel")).post("/api/claims/" + id + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"))
                .body("audit[-1].from", equalTo("IN_REVIEW")).body("audit[-1].to", equalTo("CANCELLED"))
                .body("audit[-1].actor", equalTo("demo-shop")).body("audit[-1].reason", equalTo("Customer found the parcel"));

        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolution = 'CANCELLED'", id)).isEqualTo(1);
        as(AGENT).body(Map.of("action", "DENY", "note", "x")).post("/api/reviews/" + id + "/resolve").then().statusCode(409);
    }

    @Test
    void anIllegalTransitionIs409AndChangesNothing() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
        long auditRows = db.count("select count(*) from claim_audit where claim_id = ?1", id);

        as(SHOP).body(Map.of("reason", "too late")).post("/api/claims/" + id + "/cancel").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("A claim in REFUND_APPROVED cannot move to CANCELLED"));
        as(SHOP).body(Map.of()).post("/api/claims/" + id + "/cancel").then().statusCode(400).body("field", equalTo("reason"));

        assertThat(db.count("select count(*) from claim_audit where claim_id = ?1", id)).isEqualTo(auditRows);
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("REFUND_APPROVED"));
    }

    @Test
    void theAuditTrailListsEveryTransitionWithItsActor() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "180.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        as(AGENT).body(Map.of("action", "DENY", "note", "Order had shipped")).post("/api/reviews/" + id + "/resolve").then().statusCode(200);

        as(ACCOUNTANT).get("/api/claims/" + id + "/audit").then().statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].to", equalTo("RECEIVED")).body("[0].actor", equalTo("demo-shop"))
                .body("[1].to", equalTo("IN_REVIEW")).body("[1].actor", containsString("policy:"))
                .body("[2].from", equalTo("IN_REVIEW")).body("[2].to", equalTo("DENIED"))
                .body("[2].actor", equalTo("agent")).body("[2].reason", equalTo("Order had shipped"));
        as(SHOP).get("/api/claims/cl_unknown/audit").then().statusCode(404);
    }

    @Test
    void auditRowsCannotBeUpdatedOrDeletedEvenWithSql() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");

        // The service's role may only add audit rows (db.ServiceRoleTest); even the owner is stopped by the trigger.
        assertThatThrownBy(() -> db.execute("update claim_audit set actor = 'someone else' where claim_id = ?1", id))
                .hasStackTraceContaining("permission denied for table claim_audit");
        assertThatThrownBy(() -> db.execute("delete from claim_audit where claim_id = ?1", id))
                .hasStackTraceContaining("permission denied for table claim_audit");
        assertThat(db.count("select count(*) from claim_audit where claim_id = ?1 and actor = 'demo-shop'", id)).isEqualTo(1);
    }
}
