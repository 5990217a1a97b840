package io.claimpilot.shadow;

import io.agroal.api.AgroalDataSource;
import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.support.Db;
import io.claimpilot.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Shadow mode through the API: a candidate evaluated on every new claim after intake answered, never acting, and its
 * comparison with the active policy and with agents counted exactly. The active policy is the shipped one, which
 * refunds a cancellation before shipment up to 150.00 and sends anything above to a person.
 */
@QuarkusTest
class ShadowModeTest {

    private static final Duration SHADOW_WAIT = Duration.ofSeconds(20);
    private static final String CANCELLED = "ORDER_CANCELLED_BEFORE_SHIPMENT";
    private static final String REFUND_RULE = "Cancelled before shipment, up to the cap: refund";

    @Inject
    Db db;
    @Inject
    AgroalDataSource dataSource;

    private String shadowed;

    @AfterEach
    void stopShadowMode() {
        if (shadowed != null) {
            as(ANALYST).delete("/api/policies/" + shadowed + "/shadow");
        }
    }

    @Test
    void theShadowsAgreementWithTheActivePolicyAndWithAgentsIsCountedExactly() {
        String candidate = candidateWithCancellationCap("250.00", "");
        start(candidate);

        // Both refund the same amount: agree.
        String small1 = submit(CANCELLED, "20.00", "REFUND_APPROVED");
        String small2 = submit(CANCELLED, "40.00", "REFUND_APPROVED");
        String small3 = submit(CANCELLED, "100.00", "REFUND_APPROVED");
        // Active sends to a person, the candidate would refund: disagree.
        String between1 = submit(CANCELLED, "200.00", "IN_REVIEW");
        String between2 = submit(CANCELLED, "220.00", "IN_REVIEW");
        // Both send to a person: agree.
        String above = submit(CANCELLED, "300.00", "IN_REVIEW");
        String notReceived = submit("NOT_RECEIVED", "20.00", "IN_REVIEW");
        waitForShadowed(candidate, 7);

        // Agents decide three of them: the candidate's full refund matches the first, not the partial one nor the denial.
        resolve(between1, Map.of("action", "REFUND", "amount", money("200.00"), "note", "Cancelled in time"));
        resolve(between2, Map.of("action", "REFUND", "amount", money("150.00"), "note", "Part of it shipped"));
        resolve(above, Map.of("action", "DENY", "note", "Already shipped"));

        JsonPath report = as(ANALYST).get("/api/policies/" + candidate + "/shadow").then().statusCode(200)
                .extract().jsonPath();
        assertThat(report.getInt("claims")).isEqualTo(7);
        assertThat(report.getInt("agreeWithActive")).isEqualTo(5);
        assertThat(report.getString("agreementRate")).isEqualTo("0.7143");
        assertThat(report.getList("matrix", Map.class)).containsExactlyInAnyOrder(
                Map.of("active", "REFUND", "shadow", "REFUND", "count", 3),
                Map.of("active", "HUMAN_REVIEW", "shadow", "REFUND", "count", 2),
                Map.of("active", "HUMAN_REVIEW", "shadow", "HUMAN_REVIEW", "count", 2));
        assertThat(report.getMap("matrix[0]")).containsEntry("count", 3);
        assertThat(report.getInt("agreeWithAgents.resolved")).isEqualTo(3);
        assertThat(report.getInt("agreeWithAgents.agree")).isEqualTo(1);
        // The disagreements, latest first, with what each side decided and the rules that fired; no customer data.
        assertThat(report.getList("examples.claimId")).containsExactly(between2, between1);
        assertThat(report.getString("examples[0].active.action")).isEqualTo("HUMAN_REVIEW");
        assertThat(report.getString("examples[0].shadow.action")).isEqualTo("REFUND");
        assertThat(report.getString("examples[0].shadow.amount.amount")).isEqualTo("220.00");
        assertThat(report.getList("examples[0].shadow.rulesFired", String.class)).contains(REFUND_RULE);
        assertThat(report.getList("examples[0].active.rulesFired", String.class))
                .contains("Cancelled before shipment, above the cap: review");
        assertThat(report.prettify()).doesNotContain("@example.com").doesNotContain("cust-");

        // Shadowed, never acted on: the claims moved only with their real decision, and the candidate queued nothing.
        for (String id : List.of(small1, small2, small3, notReceived)) {
            assertThat(db.count("select count(*) from decision where claim_id = ?1", id)).isEqualTo(1);
        }
        assertThat(db.count("select count(*) from decision where policy_version = ?1", candidate)).isZero();
        assertThat(db.count("select count(*) from claim_audit where actor = ?1", "policy:" + candidate)).isZero();

        // Admins and accountants read it too.
        as(ADMIN).get("/api/policies/" + candidate + "/shadow").then().statusCode(200).body("claims", equalTo(7));
        as(ACCOUNTANT).get("/api/policies/" + candidate.substring(0, 12) + "/shadow").then().statusCode(200)
                .body("agreeWithActive", equalTo(5));
    }

    @Test
    void intakeAnswersBeforeTheShadowIsStoredAndAShadowThatCannotStoreChangesNothing() throws Exception {
        String candidate = candidateWithCancellationCap("250.00", "");
        start(candidate);
        String id;
        // Another connection holds the shadow's table: the shadow's evaluation cannot be stored until it lets go.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("lock table shadow_decision in access exclusive mode");
            }
            long started = System.nanoTime();
            id = submit(CANCELLED, "60.00", "REFUND_APPROVED");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            as(SHOP).get("/api/claims/" + id).then().statusCode(200).body("status", equalTo("REFUND_APPROVED"))
                    .body("decision.action", equalTo("REFUND"));
            holder.rollback();
        }
        waitForShadowed(candidate, 1);
        assertThat(db.count("select count(*) from shadow_decision where claim_id = ?1 and policy_version = ?2", id, candidate))
                .isEqualTo(1);
    }

    @Test
    void aShadowVersionThatFailsOnAClaimNeverChangesTheClaimNorItsAnswer() {
        // A rule that throws for one amount: scenarios never meet it, so the version validates.
        String throwing = """
                rule "Shadow test: divides by zero"
                    salience 200
                when
                    ClaimFacts( claimedAmount > 66.65, claimedAmount < 66.67, $amount : claimedAmount )
                then
                    outcome.escalate("never " + $amount.divide(java.math.BigDecimal.ZERO));
                end
                """;
        String candidate = candidateWithCancellationCap("250.00", throwing);
        start(candidate);

        String id = submit(CANCELLED, "66.66", "REFUND_APPROVED");
        waitForShadowed(candidate, 1);

        as(SHOP).get("/api/claims/" + id).then().statusCode(200).body("status", equalTo("REFUND_APPROVED"));
        as(ANALYST).get("/api/policies/" + candidate + "/shadow").then().statusCode(200)
                .body("matrix[0].active", equalTo("REFUND"))
                .body("matrix[0].shadow", equalTo("HUMAN_REVIEW"))
                .body("agreeWithActive", equalTo(0))
                .body("agreementRate", equalTo("0.0000"))
                .body("examples[0].claimId", equalTo(id))
                .body("examples[0].shadow.action", equalTo("HUMAN_REVIEW"));
        // The claim has its one real decision and nothing else: the failure stayed in the shadow.
        assertThat(db.count("select count(*) from decision where claim_id = ?1", id)).isEqualTo(1);
    }

    @Test
    void deleteStopsTheShadowAndItsReportStays() {
        String first = candidateWithCancellationCap("250.00", "");
        start(first);
        submit(CANCELLED, "200.00", "IN_REVIEW");
        waitForShadowed(first, 1);

        as(ANALYST).delete("/api/policies/" + first + "/shadow").then().statusCode(204);
        shadowed = null;
        String unshadowed = submit(CANCELLED, "210.00", "IN_REVIEW");

        // One shadow thread takes claims in order: once a later claim is shadowed by another version, the claim in
        // between would have been shadowed already, had the first version still been in shadow mode.
        String second = candidateWithCancellationCap("260.00", "");
        start(second);
        String later = submit(CANCELLED, "220.00", "IN_REVIEW");
        waitForShadowed(second, 1);

        assertThat(db.count("select count(*) from shadow_decision where claim_id = ?1", unshadowed)).isZero();
        assertThat(db.count("select count(*) from shadow_decision where claim_id = ?1 and policy_version = ?2", later, second))
                .isEqualTo(1);
        as(ANALYST).get("/api/policies/" + first + "/shadow").then().statusCode(200).body("claims", equalTo(1));
        as(ANALYST).delete("/api/policies/" + first + "/shadow").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badVersionsAndRolesAreRefused() {
        String active = as(ANALYST).get("/api/policy").path("version");
        String unknown = "ab".repeat(32);

        as(ANALYST).put("/api/policies/not-a-version/shadow").then().statusCode(404).contentType("application/problem+json");
        as(ANALYST).put("/api/policies/" + unknown + "/shadow").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(unknown));
        as(ANALYST).get("/api/policies/" + unknown + "/shadow").then().statusCode(404).contentType("application/problem+json");
        as(ANALYST).delete("/api/policies/" + unknown + "/shadow").then().statusCode(404).contentType("application/problem+json");
        as(ANALYST).put("/api/policies/" + active + "/shadow").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("active version"));

        String candidate = candidateWithCancellationCap("250.00", "");
        as(AGENT).put("/api/policies/" + candidate + "/shadow").then().statusCode(403);
        as(ACCOUNTANT).put("/api/policies/" + candidate + "/shadow").then().statusCode(403);
        as(AGENT).get("/api/policies/" + candidate + "/shadow").then().statusCode(403);
        as(SHOP).get("/api/policies/" + candidate + "/shadow").then().statusCode(403);
        given().put("/api/policies/" + candidate + "/shadow").then().statusCode(401);

        start(candidate);
        // Starting it again changes nothing; another version waits until this one stops.
        as(ANALYST).put("/api/policies/" + candidate + "/shadow").then().statusCode(200).body("version", equalTo(candidate));
        String other = candidateWithCancellationCap("260.00", "");
        as(ANALYST).put("/api/policies/" + other + "/shadow").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(candidate));
        // A version that never ran in shadow mode has nothing to compare yet.
        as(ANALYST).get("/api/policies/" + other + "/shadow").then().statusCode(200)
                .body("claims", equalTo(0)).body("agreementRate", equalTo(null))
                .body("agreeWithAgents.resolved", equalTo(0)).body("examples.size()", equalTo(0));
    }

    // ------------------------------------------------------------------------------------------------------

    /** A new version: the shipped policy with another cancellation cap, a rule of its own, and a unique comment. */
    private static String candidateWithCancellationCap(String cap, String extraRules) {
        String guardrails = PolicyFixtures.shippedGuardrails() + "\n" + extraRules + "\n// shadow test " + UUID.randomUUID() + "\n";
        String justAbove = new java.math.BigDecimal(cap).add(new java.math.BigDecimal("0.01")).toPlainString();
        return given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "shadow candidate")
                .multiPart("files", "claims.xlsx", PolicyFixtures.claimsTableWithCancellationCap(cap))
                .multiPart("files", "guardrails.drl", guardrails.getBytes(StandardCharsets.UTF_8))
                .multiPart("scenarios", "starting-policy.csv",
                        PolicyFixtures.scenariosWithCancellationCap(cap, justAbove))
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    private void start(String version) {
        as(ANALYST).put("/api/policies/" + version + "/shadow").then().statusCode(200)
                .body("version", equalTo(version)).body("startedBy", equalTo("analyst"));
        shadowed = version;
    }

    /** A claim from a customer of its own, whose real decision is known. */
    private static String submit(String reason, String amount, String expectedStatus) {
        var body = claim(reason, amount).item("MUG-01", 1, amount);
        if (!reason.equals(CANCELLED)) {
            body.fulfillment("FULFILLED");
        }
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201)
                .body("status", equalTo(expectedStatus)).extract().path("id");
    }

    private static void resolve(String claimId, Map<String, Object> resolution) {
        as(AGENT).body(resolution).post("/api/reviews/" + claimId + "/resolve").then().statusCode(200);
    }

    private void waitForShadowed(String version, long claims) {
        Eventually.within(SHADOW_WAIT, claims + " claim(s) shadowed by " + version,
                () -> db.count("select count(*) from shadow_decision where policy_version = ?1", version) >= claims);
    }
}
