package io.claimpilot.feedback;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.webhook.WebhookProcessor;
import io.claimpilot.webhook.WebhookSignatures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Erasing a customer blanks what was written about them (CSAT comments, agents' notes) and keeps the numbers. */
@QuarkusTest
class MeasurementErasureTest {

    @Inject
    Db db;
    @Inject
    WebhookProcessor webhooks;
    @Inject
    MutableClock clock;

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

    @Test
    void erasureReplacesTheRawBodyOfTheCustomersHelpdeskSurveysAndOnlyTheirs() {
        String customer = uniqueId("cust");
        String erased = CsatApiTest.refundedClaim(customer);
        String kept = CsatApiTest.refundedClaim(uniqueId("cust"));
        String erasedTicket = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L));
        String keptTicket = erasedTicket + "1";
        db.execute("insert into helpdesk_ticket (claim_id, provider, ticket_id, created_at) values (?1, 'zendesk', ?2, now())",
                erased, erasedTicket);
        db.execute("insert into helpdesk_ticket (claim_id, provider, ticket_id, created_at) values (?1, 'zendesk', ?2, now())",
                kept, keptTicket);
        String erasedDelivery = rateOnZendesk(erasedTicket, "Zoé Kerhervé hated the parcel");
        String keptDelivery = rateOnZendesk(keptTicket, "Yann liked it");
        webhooks.processDue();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and comment = 'Zoé Kerhervé hated the parcel'",
                erased)).isEqualTo(1);

        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200).body("webhookDeliveries", equalTo(1));

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1"
                + " and convert_from(body, 'UTF8') like '%Kerhervé%'", erasedDelivery)).isZero();
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1 and status = 'DONE'", erasedDelivery))
                .as("the delivery is still known by its id").isEqualTo(1);
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 5 and comment is null", erased))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1"
                + " and convert_from(body, 'UTF8') like '%Yann liked it%'", keptDelivery)).isEqualTo(1);
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and comment = 'Yann liked it'", kept)).isEqualTo(1);
    }

    private String rateOnZendesk(String ticketId, String comment) {
        String body = "{\"ticket_id\": \"" + ticketId + "\", \"rating\": \"good\", \"comment\": \"" + comment + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String invocation = uniqueId("inv");
        given().header("X-Zendesk-Webhook-Signature", WebhookSignatures.zendeskSignature(bytes, timestamp, "test-only-zendesk-signing-secret"))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp).header("X-Zendesk-Webhook-Invocation-Id", invocation)
                .contentType("application/json").body(bytes).post("/webhooks/zendesk").then().statusCode(202);
        return invocation;
    }
}
