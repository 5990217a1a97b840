package io.claimpilot.feedback;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Erasing a customer blanks what was written about them (CSAT comments, agents' notes) and keeps the numbers. */
@QuarkusTest
class MeasurementErasureTest {

    @Inject
    Db db;

    @Test
    void erasureBlanksTheCommentAndTheNoteAndKeepsScoreAndVerdict() {
        String customer = uniqueId("cust");
        String id = CsatApiTest.refundedClaim(customer);
        as(SHOP).body(Map.of("score", 2, "comment", "Zoé from Quimperlé was not pleased")).post("/api/claims/" + id + "/csat")
                .then().statusCode(201);
        as(AGENT).body(Map.of("verdict", "WRONG", "note", "Zoé sent a photo by mail")).post("/api/claims/" + id + "/feedback")
                .then().statusCode(201);

        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200).body("claims", equalTo(1));

        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 2 and comment is null", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1 and verdict = 'WRONG' and note is null", id))
                .isEqualTo(1);
        as(AGENT).get("/api/claims/" + id).then().body("csat.score", equalTo(2)).body("csat.comment", nullValue());

        // What arrives afterwards about the erased customer keeps its numbers only.
        as(SHOP).body(Map.of("score", 3, "comment", "Zoé again")).post("/api/claims/" + id + "/csat").then().statusCode(200)
                .body("comment", nullValue());
        as(AGENT).body(Map.of("verdict", "RIGHT", "note", "Zoé called")).post("/api/claims/" + id + "/feedback").then()
                .statusCode(200).body("note", nullValue());
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and comment is not null", id)).isZero();
        assertThat(db.count("select count(*) from decision_feedback where claim_id = ?1 and note is not null", id)).isZero();
    }
}
