package io.claimpilot.console;

import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.policy.PolicyRollouts;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The pilot on the analysts' policy page, in English and French, and a halted pilot's warning on the home page. */
@QuarkusTest
class PilotConsoleTest {

    @Inject
    PolicyRollouts rollouts;
    @Inject
    Db db;

    @AfterEach
    void endAnyPilot() {
        rollouts.live().ifPresent(live -> as(ANALYST).delete("/api/policies/" + live.version() + "/rollout").then().statusCode(200));
    }

    private static String upload() {
        byte[] guardrails = (PolicyFixtures.shippedGuardrails() + "\n// pilot console test " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "pilot console test")
                .multiPart("files", "guardrails.drl", guardrails)
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    private static String page(Cookies session, String path, String language) {
        return given().cookies(session).header("Accept-Language", language).get(path).then().statusCode(200).extract().asString();
    }

    @Test
    void thePolicyPageShowsTheRunningPilotWithItsRampUp() {
        String candidate = upload();
        Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        as(ANALYST2).body(Map.of("percent", 12.5, "control", "HUMAN_REVIEW",
                        "schedule", List.of(Map.of("percent", 50, "at", due.toString()))))
                .put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        Cookies analyst = ConsoleSession.signIn("analyst");

        String english = page(analyst, "/console/policies", "en");
        org.assertj.core.api.Assertions.assertThat(english)
                .contains("Version " + candidate.substring(0, 12) + " decides the claims of 12.5 % of customers (the pilot cohort);"
                        + " the others are decided by a person.")
                .contains("id=\"pilot-state\">Running<")
                .contains("Started by analyst2")
                .contains("<td>50 %</td>")
                .contains(BackOfficeViews.when(due))
                .contains("not yet")
                .doesNotContain("id=\"pilot-halted\"");

        String french = page(analyst, "/console/policies", "fr");
        org.assertj.core.api.Assertions.assertThat(french)
                .contains("La version " + candidate.substring(0, 12) + " décide les réclamations de 12.5 % des clients")
                .contains("décidées par une personne")
                .contains("Montée en charge")
                .contains("pas encore");
    }

    @Test
    void aHaltedPilotIsAWarningOnThePolicyPageAndTheHomePage() {
        String candidate = upload();
        as(ANALYST2).body(Map.of("percent", 10, "control", "ACTIVE_VERSION"))
                .put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        // Halted as the job halts it; the halting itself is PilotRolloutTest's.
        db.execute("update policy_rollout set state = 'HALTED', percent = 0, halt_reason = 'Override rate 0.4000 is above 0.2'"
                + " where version_hash = ?1 and state = 'RUNNING'", candidate);
        String warning = "The pilot of version " + candidate.substring(0, 12) + " was halted: Override rate 0.4000 is above 0.2.";

        Cookies analyst = ConsoleSession.signIn("analyst");
        org.assertj.core.api.Assertions.assertThat(page(analyst, "/console/policies", "en"))
                .contains("id=\"pilot-halted\"").contains(warning).contains("id=\"pilot-state\">Halted<");
        org.assertj.core.api.Assertions.assertThat(page(analyst, "/console/home", "en")).contains(warning);
        org.assertj.core.api.Assertions.assertThat(page(ConsoleSession.signIn("admin"), "/console/home", "fr"))
                .contains("Le pilote de la version " + candidate.substring(0, 12) + " a été arrêté");
        given().cookies(ConsoleSession.signIn("accountant")).get("/console/home").then().statusCode(200)
                .body(not(containsString("pilot-halted")));
    }

    @Test
    void withoutAPilotThePolicyPageSaysSo() {
        org.assertj.core.api.Assertions.assertThat(page(ConsoleSession.signIn("analyst"), "/console/policies", "en"))
                .contains("id=\"pilot-none\"").contains("No pilot runs");
    }
}
