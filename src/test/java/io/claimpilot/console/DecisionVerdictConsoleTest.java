package io.claimpilot.console;

import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** On the claim page, an agent marks the policy's decision as wrong or right: a CSRF-protected form, in two languages. */
@QuarkusTest
class DecisionVerdictConsoleTest {

    @Inject
    Db db;

    private static String refundedClaim() {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "35.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
    }

    private static ExtractableResponse<Response> page(Cookies session, String path) {
        return given().cookies(session).redirects().follow(false).get(path).then().statusCode(200).extract();
    }

    @Test
    void anAgentMarksThePolicysDecisionWrongWithANoteThenRightAndThePageSaysSo() {
        String id = refundedClaim();
        as(SHOP).body(Map.of("score", 2, "comment", "Slow answer")).post("/api/claims/" + id + "/csat").then().statusCode(201);
        Cookies agent = ConsoleSession.signIn("agent");
        ExtractableResponse<Response> before = page(agent, "/console/claims/" + id);
        assertThat(before.asString()).contains("Was the policy right?", "id=\"form-verdict\"", "Wrong decision", "Right decision",
                        "<dd id=\"csat\">2/5, from API<div>“Slow answer”</div></dd>")
                .doesNotContain("id=\"verdict-current\"");

        verdict(agent, before, id, "WRONG", "Refunded twice: the customer had a store credit").statusCode(303)
                .header("Location", endsWith("/console/claims/" + id + "?notice=verdict"));
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1 and verdict = 'WRONG' and given_by = 'agent'"
                + " and note = 'Refunded twice: the customer had a store credit'", id)).isEqualTo(1);
        ExtractableResponse<Response> after = page(agent, "/console/claims/" + id + "?notice=verdict");
        assertThat(after.asString()).contains("Your verdict on the policy&#39;s decision is recorded.",
                "<p id=\"verdict-current\">Marked as a wrong decision by agent,");

        verdict(agent, after, id, "RIGHT", "").statusCode(303);
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1 and verdict = 'RIGHT' and note is null", id))
                .isEqualTo(1);
        assertThat(page(agent, "/console/claims/" + id + "?lang=fr").asString())
                .contains("La politique a-t-elle eu raison ?", "Mauvaise décision", "Jugée bonne décision par agent,",
                        "2/5, via API");
    }

    @Test
    void aVerdictWithoutTheCsrfTokenOrWithAnUnknownVerdictChangesNothing() {
        String id = refundedClaim();
        Cookies agent = ConsoleSession.signIn("agent");
        ExtractableResponse<Response> page = page(agent, "/console/claims/" + id);

        given().cookies(agent).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("verdict", "WRONG")
                .post("/console/claims/" + id + "/feedback").then().statusCode(400);
        String refused = verdict(agent, page, id, "MAYBE", "").statusCode(400).extract().asString();
        assertThat(refused).contains("id=\"action-error\"", "verdict: must be RIGHT or WRONG");

        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1", id)).isZero();
    }

    private static io.restassured.response.ValidatableResponse verdict(Cookies session, ExtractableResponse<Response> page,
                                                                      String claimId, String verdict, String note) {
        return given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", PolicyConsoleTest.csrfToken(page.asString()))
                .formParam("verdict", verdict).formParam("note", note)
                .post("/console/claims/" + claimId + "/feedback").then();
    }
}
