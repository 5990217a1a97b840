package io.claimpilot.console;

import io.claimpilot.policy.DecisionTableWorkbook;
import io.claimpilot.policy.PolicyFixtures;
import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The analysts' policy pages in a real browser: upload and report, replay, activation and roll-back, and who may see them. */
@QuarkusTest
class PolicyConsoleTest extends BrowserTest {

    @Inject
    MutableClock clock;

    @Test
    void anAnalystUploadsABrokenSpreadsheetAndSeesTheCellToFix() throws IOException {
        String original = activeVersion();
        Path broken = file("claims.xlsx", DecisionTableWorkbook.claimsTable(List.of(DecisionTableWorkbook.row("Cancelled: refund",
                "ORDER_CANCELLED_BEFORE_SHIPMENT", "UNFULFILLED", "EUR", "", "15O", "", "", "REFUND", "", "", ""))));
        WebDriver browser = browser();
        signIn(browser, "analyst");
        open(browser, "/console/policies");

        byId(browser, "files").sendKeys(broken.toString());
        byId(browser, "comment").sendKeys("Typo in the cancellation cap");
        clickAndLoad(browser, "upload");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The policy is not valid");
        WebElement problem = byId(browser, "problem-1");
        assertThat(problem.findElement(By.cssSelector("td.where")).getText()).isEqualTo("claims.xlsx › Claims › G11");
        assertThat(problem.getText()).contains("Column 'Amount at most': '15O' is not a number");
        assertThat(byId(browser, "comment").getAttribute("value")).isEqualTo("Typo in the cancellation cap");
        screenshot(browser, "policy-report");
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void anAnalystUploadsAFixedVersionReplaysItActivatesItAndRollsBack() throws IOException {
        String original = activeVersion();
        try {
            // Step past every earlier claim: the replay window holds only this one, refunded under the original cap.
            clock.advance(Duration.ofSeconds(1));
            Instant from = clock.instant();
            String refunded = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map()).post("/api/claims")
                    .then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");
            clock.advance(Duration.ofSeconds(1));
            Instant to = clock.instant();

            WebDriver browser = browser();
            signIn(browser, "analyst");
            open(browser, "/console/policies");
            byId(browser, "files").sendKeys(file("claims.xlsx", PolicyFixtures.claimsTableWithCancellationCap("110.00")).toString());
            byId(browser, "scenarios").sendKeys(file("starting-policy.csv",
                    PolicyFixtures.scenariosWithCancellationCap("110.00", "110.01")).toString());
            byId(browser, "comment").sendKeys("Cancellation cap lowered to 110 EUR");
            clickAndLoad(browser, "upload");

            String candidate = text(browser, "version-hash");
            String candidateShort = candidate.substring(0, 12);
            assertThat(text(browser, "notice")).isNotBlank();
            assertThat(browser.findElements(By.id("active-marker"))).isEmpty();
            assertThat(text(browser, "scenario-summary")).isEqualTo("31 of 31 scenarios pass.");
            assertThat(activeVersion()).isEqualTo(original);

            clickAndLoad(browser, "replay-link");
            byId(browser, "from").sendKeys(from.toString());
            byId(browser, "to").sendKeys(to.toString());
            byId(browser, "last").clear();
            clickAndLoad(browser, "replay");
            assertThat(text(browser, "replay-summary")).isEqualTo("1 claim(s) replayed, 1 decided differently.");
            assertThat(text(browser, "cell-REFUND-HUMAN_REVIEW")).isEqualTo("1");
            assertThat(text(browser, "rate-change")).isEqualTo("-100.0 %");
            assertThat(text(browser, "refund-change-EUR")).isEqualTo("-120.00");
            String example = text(browser, "transition-REFUND-HUMAN_REVIEW");
            assertThat(example).contains(refunded, "Cancelled before shipment, up to the cap: refund",
                    "Cancelled before shipment, above the cap: review");
            screenshot(browser, "policy-replay");

            // Two-person activation: a second analyst, in a browser of their own, activates what the first uploaded.
            browser = browser();
            signIn(browser, "analyst2");
            open(browser, "/console/policies/" + candidate);
            clickAndLoad(browser, "activate-link");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Activate version " + candidateShort + "?");
            assertThat(text(browser, "change-summary")).contains("version " + candidateShort, "Cancellation cap lowered to 110 EUR",
                    "instead of version " + original.substring(0, 12));
            assertThat(text(browser, "changes")).contains("File changed: claims.xlsx", "File changed: scenarios/starting-policy.csv");
            screenshot(browser, "policy-activate");
            clickAndLoad(browser, "confirm");

            assertThat(text(browser, "notice")).isEqualTo("Version " + candidateShort + " is now active.");
            assertThat(activeVersion()).isEqualTo(candidate);
            assertThat(byId(browser, "version-" + candidateShort).getText()).contains("Active");

            clickAndLoad(browser, "rollback-" + original.substring(0, 12));
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Roll back to version " + original.substring(0, 12) + "?");
            assertThat(text(browser, "change-summary")).contains("instead of version " + candidateShort);
            clickAndLoad(browser, "confirm");
            assertThat(text(browser, "notice")).isEqualTo("Version " + original.substring(0, 12) + " is now active.");
            assertThat(activeVersion()).isEqualTo(original);
        } finally {
            if (!activeVersion().equals(original)) {
                as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
            }
        }
    }

    @Test
    void anUploadTheServiceRefusesIsExplainedBesideTheForm() throws IOException {
        String original = activeVersion();
        WebDriver browser = browser();
        signIn(browser, "analyst");
        open(browser, "/console/policies");
        byId(browser, "files").sendKeys(file("notes.txt", "not a rule".getBytes()).toString());
        byId(browser, "comment").sendKeys("Notes by mistake");
        clickAndLoad(browser, "upload");

        assertThat(text(browser, "upload-error")).isEqualTo("files: 'notes.txt' is not a .drl, .xlsx, .xls or .csv rule file");
        assertThat(byId(browser, "comment").getAttribute("value")).isEqualTo("Notes by mistake");
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void aConfirmationMadeBeforeAnotherActivationIsAskedAgain() {
        String original = activeVersion();
        Cookies session = ConsoleSession.signIn("analyst");
        String html = given().cookies(session).get("/console/policies/" + original + "/activate").then().statusCode(200)
                .body(containsString("already the active version")).extract().asString();
        assertThat(html).doesNotContain("id=\"activate-form\"");

        // The confirmation form carries the version that was active when it was shown; an older one is refused.
        var list = given().cookies(session).get("/console/policies").then().statusCode(200).extract();
        given().cookies(session).cookies(list.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfToken(list.asString())).formParam("from", "0".repeat(64))
                .post("/console/policies/" + original + "/activate").then().statusCode(409)
                .body(containsString("The active version changed while you were confirming"));
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void versionFilesDownloadAndTheReplayFormExplainsBadInput() {
        String original = activeVersion();
        WebDriver browser = browser();
        signIn(browser, "analyst");
        open(browser, "/console/policies/" + original);
        assertThat(text(browser, "active-marker")).isEqualTo("Active");
        assertThat(text(browser, "files")).contains("claims.xlsx", "guardrails.drl", "scenarios/starting-policy.csv");

        Cookies session = ConsoleSession.signIn("analyst");
        byte[] downloaded = given().cookies(session).get("/console/policies/" + original + "/files/guardrails.drl")
                .then().statusCode(200).header("Content-Disposition", containsString("guardrails.drl")).extract().asByteArray();
        assertThat(new String(downloaded)).isEqualTo(PolicyFixtures.shippedGuardrails());

        clickAndLoad(browser, "replay-link");
        byId(browser, "from").sendKeys("yesterday");
        clickAndLoad(browser, "replay");
        assertThat(text(browser, "replay-error")).isEqualTo("from: 'yesterday' is not a date (2026-11-20) or a UTC time (2026-11-20T10:00)");
        assertThat(byId(browser, "from").getAttribute("value")).isEqualTo("yesterday");
    }

    @Test
    void anAgentCannotOpenThePolicyPages() {
        WebDriver browser = browser();
        signIn(browser, "agent");
        open(browser, "/console/policies");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElements(By.id("upload-form"))).isEmpty();

        Cookies agent = ConsoleSession.signIn("agent");
        given().cookies(agent).redirects().follow(false).get("/console/policies").then().statusCode(403)
                .body(containsString("Your role (agent) may not open this page."));
        given().cookies(agent).redirects().follow(false).get("/console/policies/" + activeVersion() + "/activate").then().statusCode(403);
        given().cookies(ConsoleSession.signIn("admin")).redirects().follow(false).get("/console/policies").then().statusCode(403);
    }

    @Test
    void thePolicyPagesSpeakFrench() {
        WebDriver browser = browser("fr");
        signIn(browser, "analyst");
        open(browser, "/console/policies");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Politiques");
        assertThat(browser.findElement(By.cssSelector("label[for=comment]")).getText()).isEqualTo("Que change cette version ?");
        assertThat(text(browser, "upload")).isEqualTo("Vérifier et téléverser");
    }

    private static String activeVersion() {
        return as(ANALYST).get("/api/policy").then().statusCode(200).extract().path("version");
    }

    static Path file(String name, byte[] content) throws IOException {
        Path folder = Files.createTempDirectory("claimpilot-upload-");
        folder.toFile().deleteOnExit();
        Path file = folder.resolve(name);
        Files.write(file, content);
        file.toFile().deleteOnExit();
        return file.toAbsolutePath();
    }

    static String csrfToken(String html) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token in the page");
        }
        return matcher.group(1);
    }
}
