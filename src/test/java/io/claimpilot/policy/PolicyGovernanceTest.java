package io.claimpilot.policy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Governance of activations through the API (the test profile runs with two-person activation on): the author cannot
 * activate their own version, a second analyst can, a roll-back needs one person, and dropping a guard rail needs
 * an explicit confirmation.
 */
@QuarkusTest
class PolicyGovernanceTest {

    private String original;

    @BeforeEach
    void rememberActiveVersion() {
        original = as(ANALYST).get("/api/policy").path("version");
    }

    @AfterEach
    void restoreActiveVersion() {
        // A roll-back: one analyst is enough.
        as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
    }

    /** A new version uploaded by {@code key}: the shipped guard rails with a unique comment line, so each test stores its own. */
    private static String upload(String key) {
        byte[] guardrails = (PolicyFixtures.shippedGuardrails() + "\n// governance test " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", "Bearer " + key).multiPart("comment", "governance test")
                .multiPart("files", "guardrails.drl", guardrails)
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    @Test
    void theAnalystWhoUploadedAVersionCannotActivateItAloneAndASecondAnalystCan() {
        String candidate = upload(ANALYST);

        as(ANALYST).post("/api/policies/" + candidate + "/activate").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("A second analyst must activate this version"))
                .body("detail", containsString("another analyst must review and activate it"));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));
        as(ANALYST).get("/api/policies/" + candidate).then().body("activations.size()", equalTo(0));

        as(ANALYST2).post("/api/policies/" + candidate + "/activate").then().statusCode(200)
                .body("active", equalTo(true))
                .body("author", equalTo("analyst"))
                .body("activations[0].proposedBy", equalTo("analyst"))
                .body("activations[0].activatedBy", equalTo("analyst2"))
                .body("activations[0].rollback", equalTo(false));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(candidate));
    }

    @Test
    void aRollBackToAVersionThatWasActiveBeforeNeedsOnlyOnePerson() {
        String candidate = upload(ANALYST);
        as(ANALYST2).post("/api/policies/" + candidate + "/activate").then().statusCode(200);
        as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);

        // Its author alone brings it back: the version was reviewed and activated by a second person before.
        as(ANALYST).post("/api/policies/" + candidate + "/activate").then().statusCode(200)
                .body("active", equalTo(true))
                .body("activations.size()", equalTo(2))
                .body("activations[1].activatedBy", equalTo("analyst"))
                .body("activations[1].proposedBy", equalTo("analyst"))
                .body("activations[1].rollback", equalTo(true));
    }

    @Test
    void aVersionThatDropsAGuardRailIsActivatedOnlyWithAnExplicitConfirmation() {
        String candidate = given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "no velocity check")
                .multiPart("files", "guardrails.drl", PolicyFixtures.guardrailsWithoutTheFourthClaimRule().getBytes(StandardCharsets.UTF_8))
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.scenariosWithoutTheFourthClaimRule().getBytes(StandardCharsets.UTF_8))
                .post("/api/policies").then().statusCode(201)
                .body("rules", not(hasItem(PolicyFixtures.FOURTH_CLAIM_GUARD_RAIL)))
                .extract().path("version");

        as(ANALYST2).post("/api/policies/" + candidate + "/activate").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Guard rails removed"))
                .body("detail", containsString(PolicyFixtures.FOURTH_CLAIM_GUARD_RAIL))
                .body("field", equalTo("confirmRemovedGuardRails"))
                .body("violations.message", hasItem("removes '" + PolicyFixtures.FOURTH_CLAIM_GUARD_RAIL + "'"));
        as(ANALYST2).body(Map.of("confirmRemovedGuardRails", false)).post("/api/policies/" + candidate + "/activate")
                .then().statusCode(409);
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));

        as(ANALYST2).body(Map.of("confirmRemovedGuardRails", true)).post("/api/policies/" + candidate + "/activate")
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void anActivationBodyThatIsNotJsonIsRefusedNamingTheField() {
        as(ANALYST2).body("yes please").post("/api/policies/" + original + "/activate").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("confirmRemovedGuardRails"));
    }
}
