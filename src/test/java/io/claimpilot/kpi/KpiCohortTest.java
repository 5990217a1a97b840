package io.claimpilot.kpi;

import com.google.common.hash.Hashing;
import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.policy.PolicyRollouts;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/**
 * The indicators per cohort while a real pilot runs, and the comparison of the two: 31 pilot customers all refunded
 * by the policy, 31 control customers of whom 10 went to a person who denied. Expected figures computed by hand
 * (difference 31/31 − 21/31, Wald interval, pooled z-test).
 */
@QuarkusTest
class KpiCohortTest {

    @Inject
    MutableClock clock;
    @Inject
    PolicyRollouts rollouts;

    Instant t0;

    /** The clock as the previous test left it: put back afterwards, so other tests' days stay theirs. */
    Instant before;

    @BeforeEach
    void aWindowOfItsOwn() {
        before = clock.instant();
        // In the past: its automatic refunds must never count in a later test's daily budget ("since today").
        t0 = Instant.parse("1995-01-01T10:00:00Z").plus(ThreadLocalRandom.current().nextLong(0, 3650), ChronoUnit.DAYS);
        clock.set(t0);
    }

    @AfterEach
    void endThePilotAndPutTheClockBack() {
        rollouts.live().ifPresent(live -> as(ANALYST).delete("/api/policies/" + live.version() + "/rollout").then().statusCode(200));
        clock.set(before);
    }

    @Test
    void eachCohortHasItsFiguresAndThePilotIsComparedWithItsControl() {
        String candidate = upload();
        as(ANALYST2).body(Map.of("percent", 50, "control", "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout")
                .then().statusCode(201);
        for (int i = 0; i < 31; i++) {
            claimFor(customer(candidate, true), "20.00", "PILOT");
            String control = claimFor(customer(candidate, false), i < 10 ? "180.00" : "20.00", "CONTROL");
            if (i < 10) {
                as(AGENT).body(Map.of("action", "DENY", "note", "not eligible")).post("/api/reviews/" + control + "/resolve")
                        .then().statusCode(200);
            }
        }

        JsonPath kpis = as(ANALYST).queryParam("from", t0.toString()).queryParam("to", t0.plus(Duration.ofHours(1)).toString())
                .queryParam("groupBy", "cohort").get("/api/kpis").then().statusCode(200).extract().jsonPath();

        assertThat(kpis.getInt("claims")).isEqualTo(62);
        assertThat(kpis.getList("groups.key")).containsExactly("CONTROL", "PILOT");
        assertThat(kpis.getList("groups.decided")).containsExactly(31, 31);
        assertThat(kpis.getList("groups.automated")).containsExactly(21, 31);
        assertThat(kpis.getList("groups.escalationRate")).containsExactly(0.3226f, 0.0f);
        assertThat(kpis.getBoolean("comparison.notEnoughData")).isFalse();
        assertThat(kpis.getInt("comparison.pilotDecided")).isEqualTo(31);
        assertThat(kpis.getDouble("comparison.automationRate.pilot")).isEqualTo(1.0);
        assertThat(kpis.getDouble("comparison.automationRate.control")).isEqualTo(0.6774);
        assertThat(kpis.getDouble("comparison.automationRate.difference")).isEqualTo(0.3226);
        assertThat(kpis.getDouble("comparison.automationRate.ci95.low")).isEqualTo(0.158);
        assertThat(kpis.getDouble("comparison.automationRate.ci95.high")).isEqualTo(0.4871);
        assertThat(kpis.getDouble("comparison.automationRate.pValue")).isCloseTo(0.000554, within(0.000001));
        assertThat(kpis.getDouble("comparison.refundRate.difference")).isEqualTo(0.3226);
        assertThat(kpis.getBoolean("comparison.overrideRate.notEnoughData")).as("10 resolutions, none in the pilot").isTrue();
        assertThat(kpis.getBoolean("comparison.csat.notEnoughData")).isTrue();

        // The dashboard shows the two cohorts side by side, from the same figures.
        String day = t0.toString().substring(0, 10);
        String page = given().cookies(ConsoleSession.signIn("analyst")).get("/console/kpis?from=" + day + "&to=" + day)
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"comparison\"").doesNotContain("id=\"not-enough-data\"");
        assertThat(page.substring(page.indexOf("id=\"cmp-automation\""))).startsWith("id=\"cmp-automation\"")
                .contains("100.0 %", "67.7 %", "+32.3 %", "15.8 % … 48.7 %", "0.0006");
    }

    /** A new version deciding as the active one does, uploaded by one analyst (another starts its pilot). */
    private static String upload() {
        byte[] guardrails = (PolicyFixtures.shippedGuardrails() + "\n// KPI cohort test " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", "Bearer " + io.claimpilot.support.Api.ANALYST).multiPart("comment", "KPI cohorts")
                .multiPart("files", "guardrails.drl", guardrails)
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    /** A customer in (or out of) the pilot at 50 %, by murmur3 computed here with Guava. */
    private static String customer(String version, boolean inPilot) {
        while (true) {
            String id = "cust-" + UUID.randomUUID();
            long bucket = Integer.toUnsignedLong(Hashing.murmur3_32_fixed(0)
                    .hashString(version + ":" + id, StandardCharsets.UTF_8).asInt()) % 10_000;
            if ((bucket < 5_000) == inPilot) {
                return id;
            }
        }
    }

    private static String claimFor(String customerId, String amount, String cohort) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).customerId(customerId).map())
                .post("/api/claims").then().statusCode(201).body("decision.cohort", equalTo(cohort)).extract().path("id");
    }
}
