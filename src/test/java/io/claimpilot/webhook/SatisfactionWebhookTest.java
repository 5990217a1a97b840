package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Helpdesk satisfaction surveys: Zendesk's signed trigger webhook and Gorgias's HTTP integration, mapped to the claim
 * through its ticket, stored once and processed by the webhook job.
 */
@QuarkusTest
class SatisfactionWebhookTest {

    static final String ZENDESK_SECRET = "test-only-zendesk-signing-secret";
    static final String GORGIAS_TOKEN = "test-only-gorgias-webhook-token";

    @Inject
    WebhookProcessor processor;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    /** A claim with a ticket at the provider, as the helpdesk connector records it when it opens the ticket. */
    private String claimWithTicket(String provider, String ticketId) {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "25.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        db.execute("insert into helpdesk_ticket (claim_id, provider, ticket_id, created_at) values (?1, ?2, ?3, now())",
                id, provider, ticketId);
        return id;
    }

    @Test
    void aGoodZendeskRatingIsAFiveAndABadOneLaterReplacesItWithAOne() {
        String ticket = ticketId();
        String id = claimWithTicket("zendesk", ticket);
        String good = zendeskBody(ticket, "good", "Quick and kind");
        String invocation = uniqueId("inv");

        zendesk(good, invocation, zendeskTimestamp(), null).statusCode(202).body("status", equalTo("queued"));
        zendesk(good, invocation, zendeskTimestamp(), null).statusCode(200).body("status", equalTo("duplicate"));
        processor.processDue();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 5 and source = 'ZENDESK'"
                + " and comment = 'Quick and kind'", id)).isEqualTo(1);
        assertThat(db.strings("select outcome from webhook_delivery where provider = 'zendesk' and delivery_id = ?1", invocation))
                .containsExactly("Recorded CSAT answer (score 5) on claim " + id + " from zendesk ticket " + ticket);

        zendesk(zendeskBody(ticket, "bad_with_comment", "Actually the refund never came"), uniqueId("inv"), zendeskTimestamp(), null)
                .statusCode(202);
        processor.processDue();
        as(AGENT).get("/api/claims/" + id).then().body("csat.score", equalTo(1)).body("csat.source", equalTo("ZENDESK"))
                .body("csat.comment", equalTo("Actually the refund never came"));
    }

    @Test
    void anOfferedRatingIsIgnoredAndAnUnknownRatingIs400NamingRating() {
        String ticket = ticketId();
        String id = claimWithTicket("zendesk", ticket);
        String offered = uniqueId("inv");
        zendesk(zendeskBody(ticket, "offered", ""), offered, zendeskTimestamp(), null).statusCode(200)
                .body("status", equalTo("ignored"));
        String meh = uniqueId("inv");
        zendesk(zendeskBody(ticket, "Good, I'm satisfied", ""), meh, zendeskTimestamp(), null).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("rating"));
        zendesk("{\"rating\":\"good\"}", meh, zendeskTimestamp(), null).statusCode(400).body("field", equalTo("ticket_id"));

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id in (?1, ?2)", offered, meh)).isZero();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1", id)).isZero();
    }

    @Test
    void aZendeskDeliveryWithABadSignatureAnOldTimestampOrNoSignatureIs401AndNothingIsStored() {
        String ticket = ticketId();
        String id = claimWithTicket("zendesk", ticket);
        String body = zendeskBody(ticket, "good", "");
        String invocation = uniqueId("inv");

        zendesk(body, invocation, zendeskTimestamp(), "not-the-secret").statusCode(401).contentType("application/problem+json");
        String old = clock.instant().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS).toString();
        zendesk(body, invocation, old, null).statusCode(401);
        // The signature covers the timestamp: the same signature with another timestamp does not verify.
        String signature = WebhookSignatures.zendeskSignature(bytes(body), old, ZENDESK_SECRET);
        given().header("X-Zendesk-Webhook-Signature", signature).header("X-Zendesk-Webhook-Signature-Timestamp", zendeskTimestamp())
                .header("X-Zendesk-Webhook-Invocation-Id", invocation).contentType("application/json").body(bytes(body))
                .post("/webhooks/zendesk").then().statusCode(401);
        given().contentType("application/json").body(body).post("/webhooks/zendesk").then().statusCode(401);

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1", invocation)).isZero();
        processor.processDue();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1", id)).isZero();
    }

    @Test
    void aRatingForATicketNoClaimHasEndsWithANoClaimOutcomeAndIsNotRetried() {
        String ticket = ticketId();
        String invocation = uniqueId("inv");
        zendesk(zendeskBody(ticket, "good", ""), invocation, zendeskTimestamp(), null).statusCode(202);
        processor.processDue();

        assertThat(db.strings("select status || ' ' || attempts || ' ' || outcome from webhook_delivery"
                + " where provider = 'zendesk' and delivery_id = ?1", invocation))
                .containsExactly("DONE 1 No claim for zendesk ticket " + ticket + ": nothing recorded");
    }

    @Test
    void aScoredGorgiasSurveyIsRecordedOnceAndTicketUpdatesWithoutAScoreAreIgnored() {
        String ticket = ticketId();
        String id = claimWithTicket("gorgias", ticket);
        // Gorgias renders every template value as text; an unscored ticket renders an empty score.
        gorgias(gorgiasBody(ticket, "", "", ""), GORGIAS_TOKEN).statusCode(200).body("status", equalTo("ignored"));
        String scored = gorgiasBody(ticket, "4", "Good service", "2026-11-30T10:15:00.123456");
        gorgias(scored, GORGIAS_TOKEN).statusCode(202).body("status", equalTo("queued"));
        // Every later update of the ticket sends the same answer again: one delivery.
        gorgias(scored, GORGIAS_TOKEN).statusCode(200).body("status", equalTo("duplicate"));
        processor.processDue();

        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 4 and source = 'GORGIAS'"
                + " and comment = 'Good service'", id)).isEqualTo(1);

        gorgias(gorgiasBody(ticket, "2", "Changed my mind", "2026-11-30T11:00:00.000001"), GORGIAS_TOKEN).statusCode(202);
        processor.processDue();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1 and score = 2", id)).isEqualTo(1);
    }

    @Test
    void aGorgiasDeliveryWithoutTheRightTokenIs401AndAScoreOutOfRangeIs400AndNothingIsStored() {
        String ticket = ticketId();
        String id = claimWithTicket("gorgias", ticket);
        String body = gorgiasBody(ticket, "5", "", "2026-11-30T10:15:00");

        gorgias(body, "not-the-token").statusCode(401).contentType("application/problem+json");
        gorgias(body, null).statusCode(401);
        gorgias(gorgiasBody(ticket, "9", "", "2026-11-30T10:15:00"), GORGIAS_TOKEN).statusCode(400)
                .body("field", equalTo("satisfaction_survey.score"));
        gorgias(gorgiasBody(ticket, "great", "", "2026-11-30T10:15:00"), GORGIAS_TOKEN).statusCode(400)
                .body("field", equalTo("satisfaction_survey.score"));

        assertThat(db.count("select count(*) from webhook_delivery where provider = 'gorgias' and convert_from(body, 'UTF8') like ?1",
                "%" + ticket + "%")).isZero();
        processor.processDue();
        assertThat(db.count("select count(*) from csat_response where claim_id = ?1", id)).isZero();
    }

    private String zendeskTimestamp() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A delivery as Zendesk sends it, signed with the secret (or another one) over timestamp + body. */
    private static ValidatableResponse zendesk(String body, String invocationId, String timestamp, String otherSecret) {
        String signature = WebhookSignatures.zendeskSignature(bytes(body), timestamp, otherSecret == null ? ZENDESK_SECRET : otherSecret);
        return given().header("X-Zendesk-Webhook-Signature", signature).header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", invocationId).header("X-Zendesk-Webhook-Id", "01F1KRFQ6BG29CNWFR60NK5FNY")
                .contentType("application/json").body(bytes(body)).post("/webhooks/zendesk").then();
    }

    private static ValidatableResponse gorgias(String body, String token) {
        var request = given().contentType("application/json").body(bytes(body));
        if (token != null) {
            request.header("X-ClaimPilot-Webhook-Token", token);
        }
        return request.post("/webhooks/gorgias").then();
    }

    /** The body docs/integrations.md tells the shop to put in its Zendesk trigger. */
    private static String zendeskBody(String ticketId, String rating, String comment) {
        return """
                {"ticket_id": "%s", "rating": "%s", "comment": "%s", "rated_at": "%s"}"""
                .formatted(ticketId, rating, comment, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The body docs/integrations.md tells the shop to put in its Gorgias HTTP integration. */
    private static String gorgiasBody(String ticketId, String score, String comment, String scoredAt) {
        return """
                {"ticket_id": "%s", "satisfaction_survey": {"id": "%s", "score": "%s", "body_text": "%s",
                 "scored_datetime": "%s"}}"""
                .formatted(ticketId, score.isEmpty() ? "" : "77" + ticketId.hashCode(), score, comment, scoredAt);
    }

    private static String ticketId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
