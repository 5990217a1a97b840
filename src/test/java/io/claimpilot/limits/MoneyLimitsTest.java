package io.claimpilot.limits;

import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The hard limits in Java: whatever the policy says, automation stays inside them. */
@QuarkusTest
class MoneyLimitsTest {

    private static final String TEST_BUDGET = "1000000.00";

    @Inject
    MutableClock clock;

    private static String submit(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).totalPaid("2000.00").map())
                .post("/api/claims").then().statusCode(201).extract().asString();
    }

    @Test
    void aPolicyRefundingMoreThanTheHardLimitIsOverruledWithTheReason() {
        String original = as(ANALYST).get("/api/policy").path("version");
        String generous = given().header("Authorization", "Bearer " + ANALYST)
                .multiPart("comment", "cap raised to 1000 EUR")
                .multiPart("files", "claims.xlsx", PolicyFixtures.claimsTableWithCancellationCap("1000.00"))
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.shippedScenarios()
                        .replace("150.00", "1000.00").replace("150.01", "1000.01").getBytes(StandardCharsets.UTF_8))
                .post("/api/policies").then().statusCode(201).extract().path("version");
        // Two-person activation: a second analyst activates what the first uploaded.
        given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + generous + "/activate").then().statusCode(200);
        try {
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "500.00").totalPaid("2000.00").map()).post("/api/claims")
                    .then().statusCode(201).body("status", equalTo("REFUND_APPROVED"));
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "500.01").totalPaid("2000.00").map()).post("/api/claims")
                    .then().statusCode(201)
                    .body("status", equalTo("IN_REVIEW"))
                    .body("decision.action", equalTo("HUMAN_REVIEW"))
                    .body("decision.rulesFired", hasItem("Cancelled before shipment, up to the cap: refund"))
                    .body("decision.reasons[0]", equalTo("Overruled by the money-safety limits: the policy proposed REFUND 500.01 EUR. "
                            + "Refund of 500.01 EUR is above the automatic refund limit of 500.00 EUR"))
                    .body("audit[-1].reason", containsString("above the automatic refund limit"));
            // Replay shows the same: the candidate's 500.01 refund is overruled, not counted as automated.
            as(ANALYST).body(Map.of("last", 1)).post("/api/policies/" + generous + "/replay").then().statusCode(200)
                    .body("transitions[0].from", equalTo("HUMAN_REVIEW")).body("transitions[0].to", equalTo("HUMAN_REVIEW"));
        } finally {
            given().header("Authorization", "Bearer " + ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }

    @Test
    void theKillSwitchSendsEveryAutomaticDecisionToAPerson() {
        as(ADMIN).body(Map.of("reason", "Suspicious spike in refunds")).post("/api/automation/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("changedBy", equalTo("admin"))
                .body("reason", equalTo("Suspicious spike in refunds")).body("changedAt", notNullValue());
        try {
            as(AGENT).get("/api/automation").then().statusCode(200).body("paused", equalTo(true));
            as(ADMIN).post("/api/automation/pause").then().statusCode(409);
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("IN_REVIEW"))
                    .body("decision.reasons[0]", containsString("Automation is paused (by admin"));
            as(SHOP).body(claim("DAMAGED", "20.00").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("AWAITING_EVIDENCE"));
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200).body("paused", equalTo(false));
        }
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("REFUND_APPROVED"));
        as(AGENT).post("/api/automation/pause").then().statusCode(403);
        given().post("/api/automation/resume").then().statusCode(401);
    }

    @Test
    void theDailyBudgetStopsAutomaticRefundsAndWarnsAt80Percent() {
        clock.advance(Duration.ofDays(1));
        as(ADMIN).body(Map.of("dailyLimit", "100.00")).put("/api/automation/budgets/EUR").then().statusCode(200)
                .body("limit.amount", equalTo("100.00")).body("used.amount", equalTo("0.00"));
        try {
            submit("60.00");
            as(ADMIN).get("/api/automation").then().body("budgets.find { it.currency == 'EUR' }.warning", equalTo(false));
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("REFUND_APPROVED"));
            as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "0.01").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("IN_REVIEW"))
                    .body("decision.reasons[0]", containsString("would pass the daily automation budget of 100.00 EUR (100.00 EUR used today)"));
            as(ADMIN).get("/api/automation").then().statusCode(200)
                    .body("budgets.find { it.currency == 'EUR' }.used.amount", equalTo("100.00"))
                    .body("budgets.find { it.currency == 'EUR' }.remaining.amount", equalTo("0.00"))
                    .body("budgets.find { it.currency == 'EUR' }.warning", equalTo(true));

            as(ADMIN).body(Map.of("dailyLimit", "125.00")).put("/api/automation/budgets/EUR").then()
                    .body("usedRatio", equalTo("0.8000")).body("warning", equalTo(true));
            as(ADMIN).body(Map.of("dailyLimit", "125.01")).put("/api/automation/budgets/EUR").then()
                    .body("usedRatio", equalTo("0.7999")).body("warning", equalTo(false));

            clock.advance(Duration.ofDays(1));
            as(ADMIN).get("/api/automation").then().body("budgets.find { it.currency == 'EUR' }.used.amount", equalTo("0.00"));
        } finally {
            as(ADMIN).body(Map.of("dailyLimit", TEST_BUDGET)).put("/api/automation/budgets/EUR").then().statusCode(200);
        }
        as(ADMIN).body(Map.of("dailyLimit", "-1")).put("/api/automation/budgets/EUR").then().statusCode(400).body("field", equalTo("dailyLimit"));
        as(ADMIN).body(Map.of("dailyLimit", "1")).put("/api/automation/budgets/EUX").then().statusCode(400).body("field", equalTo("currency"));
        as(ADMIN).body(Map.of("dailyLimit", "10.001")).put("/api/automation/budgets/EUR").then().statusCode(400)
                .body("field", equalTo("dailyLimit")).body("detail", org.hamcrest.Matchers.containsString("decimals"));
        as(ADMIN).body(Map.of("dailyLimit", "1" + "0".repeat(20))).put("/api/automation/budgets/EUR").then().statusCode(400)
                .body("field", equalTo("dailyLimit")).body("detail", org.hamcrest.Matchers.containsString("too large"));
        as(ADMIN).get("/api/automation").then()
                .body("budgets.find { it.currency == 'EUR' }.limit.amount", equalTo(TEST_BUDGET));
        as(AGENT).body(Map.of("dailyLimit", "1")).put("/api/automation/budgets/EUR").then().statusCode(403);
    }

    @Test
    void theStatusShowsTheLimits() {
        as(ADMIN).get("/api/automation").then().statusCode(200)
                .body("maxAutoRefund.EUR.amount", equalTo("500.00"))
                .body("fourEyesAbove.EUR.amount", equalTo("300.00"))
                .body("budgets.currency", hasItem("EUR"))
                .body("budgets.find { it.currency == 'EUR' }.limit.currency", startsWith("EUR"));
    }
}
