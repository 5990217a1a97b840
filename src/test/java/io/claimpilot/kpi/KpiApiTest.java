package io.claimpilot.kpi;

import io.claimpilot.flow.EvidenceDeadlineJob;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.AGENT2;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every KPI field on a known set of ten claims, created in a window of their own (the clock is set to a random
 * minute before midnight between 2015 and 2024, so no other test's claims fall in it; in the past, so its automatic
 * refunds never count in a later test's daily budget, which sums the refunds since the start of "today"), with the expected figures worked out
 * by hand in the comments.
 */
@QuarkusTest
class KpiApiTest {

    static final String CANCELLED = "ORDER_CANCELLED_BEFORE_SHIPMENT";
    static final String REFUND_RULE = "Cancelled before shipment, up to the cap: refund";

    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @Inject
    EvidenceDeadlineJob deadlineJob;
    @Inject
    Dispatcher dispatcher;

    Instant t0;
    String from;
    String to;

    /** The clock as the previous test left it: put back afterwards, so other tests' days stay theirs. */
    Instant before;

    @BeforeEach
    void aWindowOfItsOwn() {
        before = clock.instant();
        long day = ThreadLocalRandom.current().nextLong(0, 3650);
        // 23:59 so that the claims made two minutes later fall on the next day (groupBy=day).
        t0 = Instant.parse("2015-01-01T23:59:00Z").plus(day, ChronoUnit.DAYS);
        clock.set(t0);
        from = t0.toString();
        to = t0.plus(Duration.ofHours(1)).toString();
    }

    @AfterEach
    void clockAsBefore() {
        clock.set(before);
    }

    @Test
    void everyFieldOnAKnownSetOfClaims() {
        // At t0: A and B refunded by the policy, C above the cap to a person, D reshipped, E waits for a photo.
        String a = create(claim(CANCELLED, "40.00"), "REFUND_APPROVED");
        as(AGENT).get("/api/claims/" + a).then().body("decision", hasKey("cohort")).body("decision.cohort", nullValue());
        String b = create(claim(CANCELLED, "60.00"), "REFUND_APPROVED");
        String c = create(claim(CANCELLED, "200.00"), "IN_REVIEW");
        String d = create(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(inStock(), 1, "25.00"), "RESHIP_APPROVED");
        String e = create(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(uniqueId("SKU"), 1, "30.00"), "AWAITING_EVIDENCE");
        at(60);
        dispatch(); // first response of A..E: 60 s
        at(120);
        // At t0 + 120 s (the next day): F blocklisted, G to be withdrawn, H and J wait for photos, I in USD.
        String blocked = uniqueId("cust");
        db.execute("insert into blocklist_entry (kind, value, reason, created_by, created_at) values ('CUSTOMER_ID', ?1, 'chargebacks', 'test', now())",
                blocked);
        String f = create(claim(CANCELLED, "5.00").customerId(blocked), "IN_REVIEW");
        String g = create(claim(CANCELLED, "300.00"), "IN_REVIEW");
        String h = create(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(inStock(), 1, "30.00"), "AWAITING_EVIDENCE");
        String i = create(claim(CANCELLED, "20.00").currency("USD"), "IN_REVIEW");
        String j = create(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(uniqueId("SKU"), 1, "30.00"), "AWAITING_EVIDENCE");
        at(300);
        dispatch(); // first response of F..J: 180 s
        as(SHOP).body(Map.of("reason", "customer changed their mind")).post("/api/claims/" + g + "/cancel").then().statusCode(200);

        at(7200);
        as(SHOP).body(Map.of("type", "PHOTO", "url", "https://shop.example/photos/h.jpg"))
                .post("/api/claims/" + h + "/evidence").then().statusCode(200).body("status", equalTo("RESHIP_APPROVED"));
        at(3 * 3600);
        resolve(c, Map.of("action", "REFUND", "amount", money("200.00"), "note", "goodwill"));
        at(4 * 3600);
        resolve(f, Map.of("action", "DENY", "note", "chargebacks"));
        at(5 * 3600);
        // No four-eyes amount is set for USD, so every USD refund takes two agents.
        String proposal = as(AGENT).body(Map.of("action", "REFUND", "amount", money("20.00", "USD"), "note", "as proposed"))
                .post("/api/reviews/" + i + "/resolve").then().statusCode(202).extract().path("proposalId");
        as(AGENT2).body(Map.of("proposalId", proposal, "note", "checked")).post("/api/reviews/" + i + "/approve")
                .then().statusCode(200);
        at(49 * 3600);
        deadlineJob.run(); // E and J: no photo in 48 h
        at(50 * 3600);
        resolve(e, Map.of("action", "REFUND", "amount", money("30.00"), "note", "photo came by post"));
        dispatch();

        Map.of(a, 5, b, 4, c, 2, f, 1).forEach((claimId, score) -> as(SHOP).body(Map.of("score", score))
                .post("/api/claims/" + claimId + "/csat").then().statusCode(201));
        as(AGENT).body(Map.of("verdict", "WRONG", "note", "the customer had already been refunded by hand"))
                .post("/api/claims/" + b + "/feedback").then().statusCode(201);
        as(AGENT).body(Map.of("verdict", "RIGHT")).post("/api/claims/" + a + "/feedback").then().statusCode(201);

        JsonPath kpis = as(ANALYST).queryParam("from", from).queryParam("to", to).get("/api/kpis")
                .then().statusCode(200).extract().jsonPath();

        assertThat(kpis.getString("from")).isEqualTo(from);
        assertThat(kpis.getInt("claims")).isEqualTo(10);
        assertThat(kpis.getInt("decided")).as("A B C D E F H I").isEqualTo(8);
        assertThat(kpis.getInt("open")).as("J waits for a person; G was withdrawn").isEqualTo(1);
        assertThat(kpis.getInt("automated")).as("A B D H").isEqualTo(4);
        assertThat(kpis.getDouble("automationRate")).isEqualTo(0.5);
        assertThat(kpis.getDouble("escalationRate")).as("C E F G I J").isEqualTo(0.6);
        assertThat(kpis.getInt("refunds.count")).as("A B C E I").isEqualTo(5);
        assertThat(kpis.getList("refunds.amounts")).isEqualTo(List.of(
                Map.of("amount", "330.00", "currency", "EUR"), Map.of("amount", "20.00", "currency", "USD")));
        assertThat(kpis.getDouble("refundRate")).isEqualTo(0.625);
        assertThat(kpis.getInt("reshipments.count")).as("D H").isEqualTo(2);
        // Resolution: A B D 0, H 7080, C 10800, F 14280, I 17880, E 180000 s.
        assertThat(kpis.getDouble("resolutionSeconds.median")).isEqualTo(8940.0);
        assertThat(kpis.getDouble("resolutionSeconds.p90")).isEqualTo(66516.0);
        // First response: A..E 60 s, F..J 180 s.
        assertThat(kpis.getDouble("firstResponseSeconds.median")).isEqualTo(120.0);
        assertThat(kpis.getDouble("firstResponseSeconds.p90")).isEqualTo(180.0);
        assertThat(kpis.getInt("evidenceExpired")).as("E J").isEqualTo(2);
        assertThat(kpis.getInt("fraudHolds")).as("F").isEqualTo(1);
        assertThat(kpis.getDouble("overrideRate")).as("E's refund differs from the photo the policy asked for; C F I do not")
                .isEqualTo(0.25);
        assertThat(kpis.getInt("csat.responses")).isEqualTo(4);
        assertThat(kpis.getInt("csat.satisfied")).isEqualTo(2);
        assertThat(kpis.getDouble("csat.score")).isEqualTo(0.5);
        assertThat(kpis.getList("rules")).isEqualTo(List.of(
                Map.of("rule", REFUND_RULE, "decided", 2, "flaggedWrong", 1),
                Map.of("rule", "Damaged with a photo, up to the cap, in stock: reship", "decided", 1, "flaggedWrong", 0),
                Map.of("rule", "Returned parcel, every item in stock: reship", "decided", 1, "flaggedWrong", 0)));
        assertThat(kpis.getMap("")).doesNotContainKeys("groups", "comparison", "overridden", "resolutions");

        JsonPath byReason = as(ADMIN).queryParam("from", from).queryParam("to", to).queryParam("groupBy", "reason")
                .get("/api/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(byReason.getInt("claims")).isEqualTo(10);
        assertThat(byReason.getList("groups.key")).containsExactly("DAMAGED", CANCELLED, "RETURN_SCANNED");
        assertThat(byReason.getInt("groups[1].claims")).as("A B C F G I").isEqualTo(6);
        assertThat(byReason.getInt("groups[1].decided")).isEqualTo(5);
        assertThat(byReason.getDouble("groups[1].automationRate")).isEqualTo(0.4);
        assertThat(byReason.getList("groups[1].refunds.amounts")).hasSize(2);
        assertThat(byReason.getInt("groups[0].claims")).as("E H J").isEqualTo(3);
        assertThat(byReason.getInt("groups[0].evidenceExpired")).isEqualTo(2);
        assertThat(byReason.getDouble("groups[0].resolutionSeconds.median")).as("H 7080, E 180000").isEqualTo(93540.0);
        assertThat(byReason.getInt("groups[2].reshipments.count")).isEqualTo(1);
        assertThat(byReason.getDouble("groups[2].automationRate")).isEqualTo(1.0);

        JsonPath byDay = as(ACCOUNTANT).queryParam("from", from).queryParam("to", to).queryParam("groupBy", "day")
                .get("/api/kpis").then().statusCode(200).extract().jsonPath();
        String firstDay = t0.toString().substring(0, 10);
        String nextDay = t0.plus(Duration.ofDays(1)).toString().substring(0, 10);
        assertThat(byDay.getList("groups.key")).containsExactly(firstDay, nextDay);
        assertThat(byDay.getList("groups.claims")).containsExactly(5, 5);
        assertThat(byDay.getList("groups.firstResponseSeconds.median")).containsExactly(60.0f, 180.0f);

        JsonPath byVersion = as(ANALYST).queryParam("from", from).queryParam("to", to).queryParam("groupBy", "policyVersion")
                .get("/api/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(byVersion.getList("groups.claims")).containsExactly(10);
        assertThat(byVersion.getString("groups[0].key")).hasSize(64);

        JsonPath byCohort = as(ANALYST).queryParam("from", from).queryParam("to", to).queryParam("groupBy", "cohort")
                .get("/api/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(byCohort.getList("groups.key")).as("no pilot ran").containsExactly("NONE");
        assertThat(byCohort.getBoolean("comparison.notEnoughData")).isTrue();
        assertThat(byCohort.getBoolean("comparison.automationRate.notEnoughData")).isTrue();
        assertThat(byCohort.getString("comparison.automationRate.pValue")).isNull();
    }

    @Test
    void anEmptyWindowHasZerosAndNoRates() {
        as(ANALYST).queryParam("from", from).queryParam("to", to).get("/api/kpis").then().statusCode(200)
                .body("claims", equalTo(0))
                .body("decided", equalTo(0))
                .body("open", equalTo(0))
                .body("automationRate", nullValue())
                .body("refundRate", nullValue())
                .body("csat.score", nullValue())
                .body("resolutionSeconds.median", nullValue())
                .body("refunds.amounts.size()", equalTo(0))
                .body("rules.size()", equalTo(0));
    }

    @Test
    void theWindowDefaultsToTheLast30Days() {
        as(ANALYST).get("/api/kpis").then().statusCode(200)
                .body("to", equalTo(t0.toString()))
                .body("from", equalTo(t0.minus(Duration.ofDays(30)).toString()));
        as(ANALYST).queryParam("from", "2020-01-01").queryParam("to", "2020-01-31").get("/api/kpis").then().statusCode(200)
                .body("from", equalTo("2020-01-01T00:00:00Z"));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        as(ANALYST).queryParam("from", "2025-01-01").queryParam("to", "2026-01-03").get("/api/kpis").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("to"));
        as(ANALYST).queryParam("from", "2026-01-03").queryParam("to", "2026-01-01").get("/api/kpis").then().statusCode(400)
                .body("field", equalTo("to"));
        as(ANALYST).queryParam("from", "yesterday").get("/api/kpis").then().statusCode(400).body("field", equalTo("from"));
        as(ANALYST).queryParam("groupBy", "customer").get("/api/kpis").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("groupBy"));
    }

    @Test
    void onlyAnalystsAdminsAndAccountantsReadTheIndicators() {
        as(AGENT).get("/api/kpis").then().statusCode(403);
        as(SHOP).get("/api/kpis").then().statusCode(403);
        as(ACCOUNTANT).get("/api/kpis").then().statusCode(200);
    }

    private String create(io.claimpilot.support.Api.ClaimBody body, String status) {
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201)
                .body("status", equalTo(status)).extract().path("id");
    }

    private void resolve(String claimId, Map<String, Object> resolution) {
        as(AGENT).body(resolution).post("/api/reviews/" + claimId + "/resolve").then().statusCode(200);
    }

    private String inStock() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 5)).put("/api/stock/" + sku).then().statusCode(200);
        return sku;
    }

    private void at(long secondsAfterT0) {
        clock.set(t0.plusSeconds(secondsAfterT0));
    }

    private void dispatch() {
        for (int n = 0; n < 50 && dispatcher.dispatchDue(100) > 0; n++) {
            // until nothing due is left
        }
    }
}
