package io.claimpilot.feedback;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.AGENT2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Agents say whether the policy was right on a claim; the verdict is kept with the rule that decided. */
@QuarkusTest
class DecisionFeedbackApiTest {

    @Inject
    Db db;

    private static ValidatableResponse feedback(String key, String claimId, Object body) {
        return as(key).body(body).post("/api/claims/" + claimId + "/feedback").then();
    }

    private long policyDecision(String claimId) {
        return Long.parseLong(db.strings("select id from decision where claim_id = ?1 and decided_by like 'policy:%'"
                + " order by id desc limit 1", claimId).get(0));
    }

    @Test
    void aVerdictOnTheAutomaticDecisionIs201AndALaterOneReplacesItWith200() {
        String id = CsatApiTest.refundedClaim(uniqueId("cust"));
        List<String> rules = as(AGENT).get("/api/claims/" + id).then().extract().path("decision.rulesFired");
        assertThat(rules).isNotEmpty();
        long decision = policyDecision(id);

        feedback(AGENT, id, Map.of("verdict", "WRONG", "note", "The customer had already been refunded by hand")).statusCode(201)
                .body("decisionId", equalTo((int) decision)).body("claimId", equalTo(id))
                .body("rule", equalTo(rules.get(rules.size() - 1))).body("verdict", equalTo("WRONG"))
                .body("givenBy", equalTo("agent"));

        feedback(AGENT2, id, Map.of("verdict", "RIGHT")).statusCode(200)
                .body("verdict", equalTo("RIGHT")).body("note", nullValue()).body("givenBy", equalTo("agent2"));
        feedback(ANALYST, id, Map.of("verdict", "WRONG", "note", "Checked in the replay")).statusCode(200)
                .body("givenBy", equalTo("analyst"));

        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from decision_feedback where decision_id = ?1 and verdict = 'WRONG'"
                + " and note = 'Checked in the replay' and rule = ?2", decision, rules.get(rules.size() - 1))).isEqualTo(1);
    }

    @Test
    void theVerdictIsAboutThePolicysDecisionEvenAfterAnAgentDecidedTheClaim() {
        // Above the automatic cap: the policy sends it to a person, then an agent refunds it.
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "210.00").totalPaid("210.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        long decision = policyDecision(id);
        as(AGENT).post("/api/reviews/" + id + "/take").then().statusCode(200);
        as(AGENT).body(Map.of("action", "REFUND", "amount", Map.of("amount", "210.00", "currency", "EUR"), "note", "Obvious case"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200).body("decision.decidedBy", equalTo("agent"));

        feedback(AGENT, id, Map.of("verdict", "WRONG", "note", "Should have been refunded automatically")).statusCode(201)
                .body("decisionId", equalTo((int) decision))
                .body("rule", equalTo("Cancelled before shipment, above the cap: review"));
    }

    @Test
    void aClaimNoPolicyDecidedIs409AndNothingIsStored() {
        String id = CsatApiTest.refundedClaim(uniqueId("cust"));
        // A claim whose only decision a person made (as for the control of a pilot that sends everything to people).
        db.execute("update decision set decided_by = 'agent', policy_version = null where claim_id = ?1", id);

        feedback(AGENT, id, Map.of("verdict", "WRONG")).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Claim " + id + " has no automatic decision to judge: no policy decided it"));
        feedback(AGENT, "cl_none", Map.of("verdict", "WRONG")).statusCode(404);
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1", id)).isZero();
    }

    @Test
    void aBadVerdictIs400NamingVerdictAndATooLongNoteNamesNote() {
        String id = CsatApiTest.refundedClaim(uniqueId("cust"));
        for (Object body : new Object[]{Map.of("verdict", "MAYBE"), Map.of("verdict", "wrong"), Map.of("note", "no verdict"),
                Map.of("verdict", 1), "{}"}) {
            feedback(AGENT, id, body).statusCode(400).contentType("application/problem+json").body("field", equalTo("verdict"));
        }
        feedback(AGENT, id, Map.of("verdict", "WRONG", "note", "n".repeat(4001))).statusCode(400).body("field", equalTo("note"));
        feedback(SHOP, id, Map.of("verdict", "WRONG")).statusCode(403);
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1", id)).isZero();
    }
}
