package io.claimpilot.console;

import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.DemoUsersForTests.ANALYST2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Two-person activation in the console: the analyst who uploads cannot activate, and the page says why; a second one can. */
@QuarkusTest
class TwoPersonActivationConsoleTest extends BrowserTest {

    private static String activeVersion() {
        return as(ANALYST).get("/api/policy").path("version");
    }

    private static Path file(String name, String content) throws IOException {
        return PolicyConsoleTest.file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String uploadInTheConsole(WebDriver browser, String guardrails, String comment) throws IOException {
        open(browser, "/console/policies");
        byId(browser, "files").sendKeys(file("guardrails.drl", guardrails + "\n// console governance " + UUID.randomUUID() + "\n").toString());
        byId(browser, "comment").sendKeys(comment);
        clickAndLoad(browser, "upload");
        return text(browser, "version-hash");
    }

    /** The confirmation form posted without a browser (a stale page, a hand-made request), with no box ticked. */
    private static Response postActivation(String username, String candidate, String activeWhenConfirming) {
        Cookies session = ConsoleSession.signIn(username);
        var page = given().cookies(session).get("/console/policies").then().statusCode(200).extract();
        return given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", PolicyConsoleTest.csrfToken(page.asString())).formParam("from", activeWhenConfirming)
                .post("/console/policies/" + candidate + "/activate");
    }

    @Test
    void theAuthorIsToldASecondAnalystMustActivateAndTheSecondAnalystDoes() throws IOException {
        String original = activeVersion();
        try {
            WebDriver author = browser();
            signIn(author, "analyst");
            String candidate = uploadInTheConsole(author, PolicyFixtures.shippedGuardrails(), "Reviewed guard rails");
            String candidateShort = candidate.substring(0, 12);

            clickAndLoad(author, "activate-link");
            assertThat(text(author, "second-person-needed")).startsWith("You uploaded this version, so another analyst must activate it");
            assertThat(author.findElements(By.id("activate-form"))).isEmpty();
            screenshot(author, "policy-activate-second-person-needed");
            // Posting the form anyway (a stale page, a hand-made request) is refused as well.
            postActivation("analyst", candidate, original).then().statusCode(403)
                    .body(containsString("another analyst must activate it"));
            assertThat(activeVersion()).isEqualTo(original);

            WebDriver reviewer = browser();
            signIn(reviewer, ANALYST2);
            open(reviewer, "/console/policies/" + candidate);
            clickAndLoad(reviewer, "activate-link");
            assertThat(reviewer.findElements(By.id("second-person-needed"))).isEmpty();
            clickAndLoad(reviewer, "confirm");
            assertThat(text(reviewer, "notice")).isEqualTo("Version " + candidateShort + " is now active.");
            assertThat(activeVersion()).isEqualTo(candidate);

            open(reviewer, "/console/policies/" + candidate);
            assertThat(text(reviewer, "activations")).contains("Activated by analyst2", "proposed by analyst");
        } finally {
            as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }

    /** The issue-11 gap: the analyst uploads with their API key and tries to activate in the console. One person. */
    @Test
    void anAnalystWhoUploadedWithTheirKeyCannotActivateInTheConsole() {
        String original = activeVersion();
        byte[] guardrails = (PolicyFixtures.shippedGuardrails() + "\n// cross-channel " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String candidate = given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "uploaded by key")
                .multiPart("files", "guardrails.drl", guardrails)
                .post("/api/policies").then().statusCode(201).extract().path("version");
        as(ANALYST).get("/api/policies/" + candidate).then().body("author", org.hamcrest.Matchers.equalTo("analyst"));

        postActivation("analyst", candidate, original).then().statusCode(403)
                .body(containsString("another analyst must activate it"));
        assertThat(activeVersion()).isEqualTo(original);

        // Whatever the channels: uploaded with analyst2's key, analyst2 activates neither in the console nor by key.
        String second = given().header("Authorization", "Bearer " + io.claimpilot.support.Api.ANALYST2)
                .multiPart("comment", "uploaded by key").multiPart("files", "guardrails.drl",
                        (PolicyFixtures.shippedGuardrails() + "\n// cross-channel " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/policies").then().statusCode(201).extract().path("version");
        postActivation(ANALYST2, second, original).then().statusCode(403);
        as(io.claimpilot.support.Api.ANALYST2).post("/api/policies/" + second + "/activate").then().statusCode(403);
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void theConfirmationPageListsTheGuardRailsAVersionRemovesAndAsksToConfirmThem() throws IOException {
        String original = activeVersion();
        try {
            WebDriver author = browser();
            signIn(author, "analyst");
            open(author, "/console/policies");
            byId(author, "files").sendKeys(file("guardrails.drl", PolicyFixtures.guardrailsWithoutTheFourthClaimRule()).toString());
            byId(author, "scenarios").sendKeys(file("starting-policy.csv", PolicyFixtures.scenariosWithoutTheFourthClaimRule()).toString());
            byId(author, "comment").sendKeys("No velocity check");
            clickAndLoad(author, "upload");
            String candidate = text(author, "version-hash");

            WebDriver reviewer = browser();
            signIn(reviewer, ANALYST2);
            open(reviewer, "/console/policies/" + candidate + "/activate");
            assertThat(text(reviewer, "removed-guard-rails")).contains(PolicyFixtures.FOURTH_CLAIM_GUARD_RAIL);
            screenshot(reviewer, "policy-activate-guard-rails-removed");

            // Without the tick the service refuses, whatever the browser's own check did.
            postActivation(ANALYST2, candidate, original).then().statusCode(409)
                    .body(containsString("Tick the box to confirm"));
            assertThat(activeVersion()).isEqualTo(original);

            byId(reviewer, "confirm-guard-rails").click();
            clickAndLoad(reviewer, "confirm");
            assertThat(activeVersion()).isEqualTo(candidate);
        } finally {
            as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }
}
