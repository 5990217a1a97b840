package io.claimpilot.review;

import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.AGENT2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A large agent refund needs a second person, enforced on the server: keys belong to console users, so one person is
 * one name by key and by session, and an approval names the proposal it read.
 */
@QuarkusTest
class FourEyesTest {

    @Inject
    Db db;

    private static String claimInReview() {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "600.00").orderId(uniqueId("order")).totalPaid("600.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    private static String propose(String key, String claimId, String amount) {
        return as(key).body(Map.of("action", "REFUND", "amount", money(amount), "note", "Goodwill for a loyal customer"))
                .post("/api/reviews/" + claimId + "/resolve").then().statusCode(202).extract().path("proposalId");
    }

    private static io.restassured.response.ValidatableResponse approve(String key, String claimId, String proposalId) {
        return as(key).body(Map.of("proposalId", proposalId, "note", "Checked the order")).post("/api/reviews/" + claimId + "/approve")
                .then();
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

        String proposal = as(AGENT).body(Map.of("action", "REFUND", "amount", money("300.01"), "note", "Goodwill for a loyal customer"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(202)
                .body("claimId", equalTo(id)).body("proposedBy", equalTo("agent"))
                .body("amount.amount", equalTo("300.01")).extract().path("proposalId");
        assertThat(proposal).startsWith("prop_");
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));
        assertThat(queueEntry(id).get("pendingApproval"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("proposedBy", "agent").containsEntry("proposalId", proposal);

        approve(AGENT, id, proposal).statusCode(403).contentType("application/problem+json");
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        approve(AGENT2, id, proposal).statusCode(200)
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.amount.amount", equalTo("300.01"))
                .body("decision.decidedBy", equalTo("agent, approved by agent2"))
                .body("decision.note", equalTo("Goodwill for a loyal customer"));
        approve(AGENT2, id, proposal).statusCode(409);
        assertThat(db.count("select count(*) from refund_proposal where id = ?1 and approved_by = 'agent2'"
                + " and approval_note = 'Checked the order'", proposal)).isEqualTo(1);
    }

    /** The hole: propose in the console as agent, approve with a key whose free-text owner says someone else. */
    @Test
    void theProposerCannotApproveWithAnyKeyOfTheirsAfterProposingInTheConsole() {
        String id = claimInReview();
        Cookies agent = ConsoleSession.signIn("agent");
        var page = given().cookies(agent).get("/console/claims/" + id).then().statusCode(200).extract();
        given().cookies(agent).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfToken(page.asString())).formParam("action", "REFUND").formParam("refund", "partial")
                .formParam("amount", "450.00").formParam("note", "Proposed in the console")
                .post("/console/claims/" + id + "/resolve").then().statusCode(303);
        Map<String, Object> pending = queueEntry(id).get("pendingApproval") instanceof Map<?, ?> map ? cast(map) : Map.of();
        assertThat(pending).containsEntry("proposedBy", "agent");
        String proposal = (String) pending.get("proposalId");

        // The demo key of agent, and a fresh key for agent labelled as somebody else: both are agent.
        approve(AGENT, id, proposal).statusCode(403).body("detail", containsString("agent proposed it"));
        String otherLabel = as(ADMIN).body(Map.of("owner", "demo-agent", "role", "agent", "userId", "agent"))
                .post("/api/keys").then().statusCode(201).body("userId", equalTo("agent")).extract().path("secret");
        approve(otherLabel, id, proposal).statusCode(403);
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        approve(AGENT2, id, proposal).statusCode(200).body("decision.decidedBy", equalTo("agent, approved by agent2"));
    }

    @Test
    void approvingAnOlderProposalIs409AndPaysNothing() {
        String id = claimInReview();
        String first = propose(AGENT, id, "350.00");
        String second = propose(AGENT, id, "450.00");

        approve(AGENT2, id, first).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(second)).body("detail", containsString("450.00 EUR"));
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        approve(AGENT2, id, second).statusCode(200).body("decision.amount.amount", equalTo("450.00"));
    }

    @Test
    void aProposalWhoseAmountChangedAfterItWasMadeIs409() {
        String id = claimInReview();
        String proposal = propose(AGENT, id, "350.00");
        // Whatever path changes the amount waiting without a new proposal, the approval of what was read does not pass.
        db.execute("update review_task set proposed_amount = 590.00 where claim_id = ?1", id);

        approve(AGENT2, id, proposal).statusCode(409).body("detail", containsString("was made for 350.00 EUR"));
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));
    }

    @Test
    void anApprovalMustNameTheProposal() {
        String id = claimInReview();
        propose(AGENT, id, "350.00");

        as(AGENT2).body(Map.of("note", "looks fine")).post("/api/reviews/" + id + "/approve").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("proposalId"));
        // No body and no content type, as curl sends it.
        given().header("Authorization", "Bearer " + AGENT2).post("/api/reviews/" + id + "/approve").then().statusCode(415);
        approve(AGENT2, id, "prop_of_another_claim").statusCode(400).body("field", equalTo("proposalId"));
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));
    }

    @Test
    void approvingWithoutAPendingRefundIs409AndAnOversizedProposalIsRefusedAtOnce() {
        String id = claimInReview();
        approve(AGENT2, id, "prop_none").statusCode(409);

        as(AGENT).body(Map.of("action", "REFUND", "amount", money("600.01"), "note", "too much"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(400).body("field", equalTo("amount.amount"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String csrfToken(String html) {
        Matcher matcher = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }
}
