package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Upload, validate, inspect, download, replay, activate and roll back, through the API, with no restart. */
@QuarkusTest
class PolicyLifecycleTest {

    @Inject
    MutableClock clock;
    @Inject
    Db db;

    private String original;

    @BeforeEach
    void rememberActiveVersion() {
        original = as(ANALYST).get("/api/policy").path("version");
    }

    @AfterEach
    void restoreActiveVersion() {
        analyst().post("/api/policies/" + original + "/activate").then().statusCode(200);
    }

    private static RequestSpecification analyst() {
        return given().header("Authorization", "Bearer " + ANALYST);
    }

    private static RequestSpecification upload(String comment) {
        return analyst().multiPart("comment", comment);
    }

    @Test
    void aBrokenSpreadsheetIsRefusedWithTheCellAndNothingChanges() {
        long versions = db.count("select count(*) from policy_version");
        byte[] broken = DecisionTableWorkbook.claimsTable(List.of(DecisionTableWorkbook.row("Cancelled: refund",
                "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "", "15O", "", "", "REFUND", "", "", "")));

        upload("typo in the cap").multiPart("files", "claims.xlsx", broken).post("/api/policies").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("report.valid", equalTo(false))
                .body("report.problems[0].file", equalTo("claims.xlsx"))
                .body("report.problems[0].sheet", equalTo("Claims"))
                .body("report.problems[0].cell", equalTo("G11"))
                .body("report.problems[0].message", equalTo("Column 'Amount at most': '15O' is not a number"))
                .body("detail", containsString("G11"));

        assertThat(db.count("select count(*) from policy_version")).isEqualTo(versions);
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));
    }

    @Test
    void aVersionWhoseScenariosFailIsRefusedWithExpectedAgainstActual() {
        upload("lower cap, scenarios not updated")
                .multiPart("files", "claims.xlsx", PolicyFixtures.claimsTableWithCancellationCap("100.00"))
                .post("/api/policies").then()
                .statusCode(422)
                .body("report.scenarios.failed", equalTo(1))
                .body("report.scenarios.results.find { !it.passed }.name", equalTo("Cancelled at the 150.00 cap is refunded"))
                .body("report.scenarios.results.find { !it.passed }.expectedAction", equalTo("REFUND"))
                .body("report.scenarios.results.find { !it.passed }.actualAction", equalTo("HUMAN_REVIEW"))
                .body("report.scenarios.results.find { !it.passed }.rulesFired[0]",
                        equalTo("Cancelled before shipment, above the cap: review"));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));
    }

    @Test
    void aNewVersionIsStoredInactiveReplayedActivatedAndRolledBack() {
        // The test clock stands still: step past every earlier claim so the replay window holds only these two.
        clock.advance(Duration.ofSeconds(1));
        Instant from = clock.instant();
        String refundedThen = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "80.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("REFUND_APPROVED"));
        clock.advance(Duration.ofSeconds(1));
        Instant to = clock.instant();
        byte[] table = PolicyFixtures.claimsTableWithCancellationCap("100.00");

        var created = upload("Cancellation cap lowered to 100 EUR")
                .multiPart("files", "claims.xlsx", table)
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.scenariosWithCancellationCap("100.00", "100.01"))
                .post("/api/policies").then()
                .statusCode(201)
                .body("active", equalTo(false))
                .body("author", equalTo("analyst"))
                .body("comment", equalTo("Cancellation cap lowered to 100 EUR"))
                .body("origin", equalTo("UPLOAD"))
                .body("files", equalTo(List.of("claims.xlsx", "guardrails.drl", "non-delivery.xlsx",
                        "scenarios/exchanges.csv", "scenarios/fraud-and-delivery.csv", "scenarios/starting-policy.csv")))
                .body("validation.valid", equalTo(true))
                .body("validation.scenarios.passed", equalTo(31))
                .extract();
        String candidate = created.path("version");
        assertThat(created.header("Location")).endsWith("/api/policies/" + candidate);
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));

        as(ANALYST).get("/api/policies").then().statusCode(200)
                .body("find { it.version == '" + candidate + "' }.active", equalTo(false))
                .body("find { it.version == '" + original + "' }.active", equalTo(true));
        byte[] downloaded = analyst().get("/api/policies/" + candidate + "/files/claims.xlsx").then().statusCode(200)
                .header("Content-Disposition", containsString("claims.xlsx")).extract().asByteArray();
        assertThat(downloaded).isEqualTo(table);
        analyst().get("/api/policies/" + candidate + "/files/scenarios/starting-policy.csv").then().statusCode(200);

        long decisionsBefore = db.count("select count(*) from decision");
        as(ANALYST).body(Map.of("from", from.toString(), "to", to.toString()))
                .post("/api/policies/" + candidate + "/replay").then().statusCode(200)
                .body("claims", equalTo(2))
                .body("changed", equalTo(1))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.count", equalTo(1))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].claimId", equalTo(refundedThen))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].before.rulesFired[0]",
                        equalTo("Cancelled before shipment, up to the cap: refund"))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].after.rulesFired[0]",
                        equalTo("Cancelled before shipment, above the cap: review"))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'REFUND' }.count", equalTo(1))
                .body("automationRate.before", equalTo("1.0000"))
                .body("automationRate.after", equalTo("0.5000"))
                .body("automationRate.change", equalTo("-0.5000"))
                .body("autoRefunded.before.EUR", equalTo("200.00"))
                .body("autoRefunded.after.EUR", equalTo("80.00"))
                .body("autoRefunded.change.EUR", equalTo("-120.00"));
        assertThat(db.count("select count(*) from decision")).as("replay writes nothing").isEqualTo(decisionsBefore);
        as(SHOP).get("/api/claims/" + refundedThen).then().body("status", equalTo("REFUND_APPROVED"));

        // The 12-character prefix that logs and the validate command print works too. A second analyst activates:
        // the author alone cannot (two-person activation, PolicyGovernanceTest).
        given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + candidate.substring(0, 12) + "/activate").then().statusCode(200)
                .body("version", equalTo(candidate)).body("active", equalTo(true));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(candidate));
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("IN_REVIEW")).body("decision.policyVersion", equalTo(candidate));

        analyst().post("/api/policies/" + original + "/activate").then().statusCode(200);
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("REFUND_APPROVED")).body("decision.policyVersion", equalTo(original));
        as(ANALYST).get("/api/policies/" + candidate).then()
                .body("activations.size()", equalTo(1))
                .body("activations[0].activatedBy", equalTo("analyst2"))
                .body("activations[0].proposedBy", equalTo("analyst"))
                .body("rules", hasItem("Cancelled before shipment, above the cap: review"));
    }

    @Test
    void theSameFilesAgainAreTheSameVersion() {
        String first = upload("same twice").multiPart("files", "guardrails.drl", PolicyFixtures.shippedGuardrails()
                        .replace("ClaimsLast30Days > 3", "ClaimsLast30Days > 5").getBytes())
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.shippedScenarios()
                        .replace("Fourth claim in 30 days goes to review,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,HUMAN_REVIEW,,Guard rail: more than 3 claims in 30 days",
                                "Fourth claim in 30 days is still automatic,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,REFUND,20.00,").getBytes())
                .post("/api/policies").then().statusCode(201).extract().path("version");

        String second = upload("same twice").multiPart("files", "guardrails.drl", PolicyFixtures.shippedGuardrails()
                        .replace("ClaimsLast30Days > 3", "ClaimsLast30Days > 5").getBytes())
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.shippedScenarios()
                        .replace("Fourth claim in 30 days goes to review,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,HUMAN_REVIEW,,Guard rail: more than 3 claims in 30 days",
                                "Fourth claim in 30 days is still automatic,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,REFUND,20.00,").getBytes())
                .post("/api/policies").then().statusCode(200).extract().path("version");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void uploadsAreCheckedFieldByField() {
        upload("x").post("/api/policies").then().statusCode(400).body("field", equalTo("files"));
        analyst().multiPart("files", "claims.xlsx", new byte[] {1}).post("/api/policies").then()
                .statusCode(400).body("field", equalTo("comment"));
        upload("x").multiPart("files", "notes.txt", "hello".getBytes()).post("/api/policies").then()
                .statusCode(400).body("field", equalTo("files")).body("detail", startsWith("files: 'notes.txt'"));
        analyst().post("/api/policies/" + "0".repeat(64) + "/activate").then().statusCode(404);
        as(ANALYST).body(Map.of()).post("/api/policies/" + original + "/replay").then().statusCode(400);
        as(ANALYST).body(Map.of("last", 0)).post("/api/policies/" + original + "/replay").then()
                .statusCode(400).body("field", equalTo("last"));
    }

    @Test
    void aChangedParameterIsShownByTheReportAndTheReplayAndDecidesClaimsOnceActive() {
        // The changes are counted from the active version: make it the shipped one, whatever an earlier test left.
        analyst().post("/api/policies/" + PolicySource.fromDirectory(java.nio.file.Path.of("rules")).hash() + "/activate")
                .then().statusCode(200);
        clock.advance(Duration.ofSeconds(1));
        Instant from = clock.instant();
        String refundedThen = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "130.00").map()).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
        clock.advance(Duration.ofSeconds(1));
        Instant to = clock.instant();
        byte[] table = DecisionTableWorkbook.shippedClaimsTable(DecisionTableWorkbook.shippedParametersWith("cancellation_cap", "120.00"));

        String candidate = upload("Cancellation cap parameter lowered to 120 EUR")
                .multiPart("files", "claims.xlsx", table)
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.scenariosWithCancellationCap("120.00", "120.01"))
                .post("/api/policies").then()
                .statusCode(201)
                .body("validation.valid", equalTo(true))
                .body("validation.parameterChanges.size()", equalTo(1))
                .body("validation.parameterChanges[0].file", equalTo("claims.xlsx"))
                .body("validation.parameterChanges[0].name", equalTo("cancellation_cap"))
                .body("validation.parameterChanges[0].before", equalTo("150.00"))
                .body("validation.parameterChanges[0].after", equalTo("120.00"))
                .extract().path("version");

        as(ANALYST).body(Map.of("from", from.toString(), "to", to.toString()))
                .post("/api/policies/" + candidate + "/replay").then().statusCode(200)
                .body("parameterChanges.size()", equalTo(1))
                .body("parameterChanges[0].name", equalTo("cancellation_cap"))
                .body("parameterChanges[0].before", equalTo("150.00"))
                .body("parameterChanges[0].after", equalTo("120.00"))
                .body("claims", equalTo(1))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].claimId", equalTo(refundedThen));

        given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + candidate + "/activate").then()
                .statusCode(200).body("active", equalTo(true));
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "130.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("IN_REVIEW")).body("decision.policyVersion", equalTo(candidate))
                .body("decision.reasons[0]", equalTo("Amount above the 120.00 EUR cap for automatic refunds"));
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map()).post("/api/claims").then()
                .statusCode(201).body("status", equalTo("REFUND_APPROVED")).body("decision.policyVersion", equalTo(candidate))
                .body("decision.reasons[0]", equalTo("Cancelled before shipment, within the 120.00 EUR automatic refund cap"));
    }

    @Test
    void aLibreOfficeSpreadsheetIsRefusedWithAskingForXlsx() {
        long versions = db.count("select count(*) from policy_version");

        upload("saved from LibreOffice").multiPart("files", "claims.ods", new byte[] {'P', 'K', 3, 4}).post("/api/policies")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("files"))
                .body("detail", equalTo("files: 'claims.ods' is a LibreOffice (OpenDocument) spreadsheet, which cannot be read:"
                        + " save it as .xlsx (File > Save As > Excel 2007-365) and upload that"));

        assertThat(db.count("select count(*) from policy_version")).isEqualTo(versions);
    }

    @Test
    void onlyAnalystsManagePolicies() {
        as(SHOP).get("/api/policies").then().statusCode(403);
        given().get("/api/policies").then().statusCode(401);
        given().header("Authorization", "Bearer demo-agent-key").post("/api/policies/" + original + "/activate").then().statusCode(403);
    }
}
