package io.claimpilot.feedback;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The shop sends its customer's satisfaction with a claim: one answer per claim, a later one replaces it. */
@QuarkusTest
class CsatApiTest {

    @Inject
    Db db;

    static String refundedClaim(String customerId) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "30.00").customerId(customerId).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
    }

    private static ValidatableResponse answer(String key, String claimId, Object body) {
        return as(key).body(body).post("/api/claims/" + claimId + "/csat").then();
    }

    @Test
    void theFirstAnswerIs201AndALaterOneReplacesItWith200() {
        String id = refundedClaim(uniqueId("cust"));

        answer(SHOP, id, Map.of("score", 2, "comment", "Took too long")).statusCode(201)
                .body("score", equalTo(2)).body("comment", equalTo("Took too long")).body("source", equalTo("API"));
        String received = db.strings("select cast(received_at as text) from csat_response where claim_id = ?1", id).get(0);

        answer(SHOP, id, Map.of("score", 5)).statusCode(200)
                .body("score", equalTo(5)).body("comment", nullValue()).body("source", equalTo("API"));

        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 5 and comment is null", id)).isEqualTo(1);
        assertThat(db.strings("select cast(received_at as text) from csat_response where claim_id = ?1", id))
                .as("the first answer's time is kept").containsExactly(received);
        // The claim shows the answer on record, to the shop and to agents.
        as(SHOP).get("/api/claims/" + id).then().statusCode(200).body("csat.score", equalTo(5)).body("csat.source", equalTo("API"));
        as(AGENT).get("/api/claims/" + id).then().statusCode(200).body("csat.score", equalTo(5));
    }

    @Test
    void aScoreOutsideOneToFiveMissingOrNotAWholeNumberIs400NamingScoreAndNothingIsStored() {
        String id = refundedClaim(uniqueId("cust"));
        Map<String, Object> missing = Map.of("comment", "no score");
        Map<String, Object> nullScore = new HashMap<>();
        nullScore.put("score", null);
        for (Object body : new Object[]{Map.of("score", 0), Map.of("score", 6), Map.of("score", -1), Map.of("score", 4.5),
                Map.of("score", "5"), Map.of("score", "five"), Map.of("score", true), Map.of("score", 3_000_000_000L),
                missing, nullScore, "{}"}) {
            answer(SHOP, id, body).statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("score"));
        }
        answer(SHOP, id, "not json").statusCode(400).contentType("application/problem+json");
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1", id)).isZero();
    }

    @Test
    void aCommentOverTwoThousandCharactersIs400NamingCommentAndKeepsTheEarlierAnswer() {
        String id = refundedClaim(uniqueId("cust"));
        answer(SHOP, id, Map.of("score", 4, "comment", "Fine")).statusCode(201);

        answer(SHOP, id, Map.of("score", 1, "comment", "x".repeat(2001))).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("comment"))
                .body("detail", equalTo("comment: is longer than 2000 characters"));
        answer(SHOP, id, Map.of("score", 1, "comment", "y".repeat(2000))).statusCode(200);

        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 1 and length(comment) = 2000", id))
                .isEqualTo(1);
    }

    @Test
    void aShopCannotAnswerForAnotherCallersClaimOrAnUnknownOne() {
        String id = refundedClaim(uniqueId("cust"));
        Map<?, ?> other = as(ADMIN).body(Map.of("owner", "Other shop " + uniqueId("o"), "role", "shop"))
                .post("/api/keys").then().statusCode(201).extract().as(Map.class);

        answer((String) other.get("secret"), id, Map.of("score", 1)).statusCode(404).contentType("application/problem+json");
        answer(SHOP, "cl_none", Map.of("score", 1)).statusCode(404);
        answer(AGENT, id, Map.of("score", 1)).statusCode(403);

        assertThat(db.count("select count(*) from csat_response where claim_id = ?1", id)).isZero();
    }
}
