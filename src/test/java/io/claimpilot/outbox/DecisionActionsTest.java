package io.claimpilot.outbox;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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

/** What each decision queues, in the decision's transaction: the customer's message and a helpdesk note. */
@QuarkusTest
class DecisionActionsTest {

    @Inject
    Db db;

    @Test
    void intakeAcknowledgesAndAMissingPhotoIsAskedForWithTheDeadline() {
        var created = as(SHOP).body(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(uniqueId("SKU"), 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).extract();
        String id = created.path("id");
        Instant deadline = Instant.parse(created.path("decision.deadline"));

        assertThat(situations(id)).containsExactlyInAnyOrder("ACKNOWLEDGMENT", "PHOTO_REQUESTED");
        Map<String, Object> photo = payload(id, id + ":NOTIFY_CUSTOMER:PHOTO_REQUESTED");
        assertThat(Instant.parse((String) photo.get("deadline"))).isEqualTo(deadline);
        assertThat(helpdeskNotes(id)).hasSize(1);
    }

    @Test
    void reviewAndDenialEachTellTheCustomerAndEveryDecisionLeavesAHelpdeskNote() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "150.01").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
        assertThat(situations(id)).containsExactlyInAnyOrder("ACKNOWLEDGMENT", "UNDER_REVIEW");

        as(AGENT).body(Map.of("action", "DENY", "note", "Order shipped before the cancellation"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200);

        assertThat(situations(id)).containsExactlyInAnyOrder("ACKNOWLEDGMENT", "UNDER_REVIEW", "DENIED");
        List<Map<String, Object>> notes = helpdeskNotes(id);
        assertThat(notes).hasSize(2);
        assertThat(notes).allSatisfy(note -> assertThat(((Map<?, ?>) note.get("payload")).get("decisionId")).isNotNull());
        assertThat(notes).extracting(note -> (String) note.get("idempotencyKey"))
                .allSatisfy(key -> assertThat(key).matches(id + ":HELPDESK_NOTE:\\d+"))
                .doesNotHaveDuplicates();
        assertThat(db.count("select count(*) from outbox o join decision d on d.claim_id = o.claim_id"
                + " and o.idempotency_key = o.claim_id || ':HELPDESK_NOTE:' || d.id"
                + " and (o.payload->>'decisionId')::bigint = d.id where o.claim_id = ?1", id)).isEqualTo(2);
    }

    @Test
    void anApprovedRefundQueuesTheRefundWithTheShopAndNoMessageUntilItIsDone() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").item("MUG-01", 1, "40.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        Map<String, Object> refund = payload(id, id + ":REFUND");
        assertThat(refund).containsEntry("amount", Map.of("amount", "40.00", "currency", "EUR")).containsEntry("shop", "demo-shop");
        assertThat(situations(id)).containsExactly("ACKNOWLEDGMENT");
    }

    private List<String> situations(String claimId) {
        return actions(claimId).stream().filter(a -> a.get("action").equals("NOTIFY_CUSTOMER"))
                .map(a -> (String) ((Map<?, ?>) a.get("payload")).get("situation")).toList();
    }

    private List<Map<String, Object>> helpdeskNotes(String claimId) {
        return actions(claimId).stream().filter(a -> a.get("action").equals("HELPDESK_NOTE")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> payload(String claimId, String key) {
        return (Map<String, Object>) actions(claimId).stream().filter(a -> a.get("idempotencyKey").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("No action " + key)).get("payload");
    }

    /** Every action of the claim, whatever its status (another helper's executor may already have sent it). */
    private List<Map<String, Object>> actions(String claimId) {
        return java.util.stream.Stream.of("PENDING", "IN_PROGRESS", "AWAITING_CONFIRMATION", "DONE", "FAILED")
                .flatMap(status -> as(ADMIN).queryParam("status", status).queryParam("claimId", claimId).queryParam("size", 100)
                        .get("/api/actions").then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream())
                .toList();
    }
}
