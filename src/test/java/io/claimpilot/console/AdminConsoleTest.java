package io.claimpilot.console;

import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The admins' pages in a real browser: kill switch and budget, blocklist, users and API keys. */
@QuarkusTest
class AdminConsoleTest extends BrowserTest {

    @Test
    void anAdminPausesAndResumesAutomation() {
        String reason = "Refund spike under investigation " + UUID.randomUUID();
        try {
            WebDriver browser = browser();
            signIn(browser, "admin");
            open(browser, "/console/admin");
            assertThat(text(browser, "automation-state")).startsWith("Running");

            // By keyboard only: type the reason and press Enter.
            WebElement page = browser.findElement(By.tagName("html"));
            byId(browser, "reason").sendKeys(reason, Keys.ENTER);
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(page));
            assertThat(text(browser, "notice")).isEqualTo("Automation is paused.");
            assertThat(text(browser, "automation-state")).startsWith("Paused").contains("paused by admin", "Reason: " + reason);
            screenshot(browser, "admin-automation");
            as(ADMIN).get("/api/automation").then().statusCode(200)
                    .body("paused", equalTo(true)).body("changedBy", equalTo("admin")).body("reason", equalTo(reason));

            clickAndLoad(browser, "resume");
            assertThat(text(browser, "notice")).isEqualTo("Automation is running again.");
            assertThat(text(browser, "automation-state")).startsWith("Running");
            as(ADMIN).get("/api/automation").then().body("paused", equalTo(false));
        } finally {
            if (as(ADMIN).get("/api/automation").<Boolean>path("paused")) {
                as(ADMIN).post("/api/automation/resume").then().statusCode(200);
            }
        }
    }

    @Test
    void theBudgetTableShowsTodaysUseAndARefusedBudgetIsExplained() {
        WebDriver browser = browser();
        signIn(browser, "admin");
        open(browser, "/console/admin");
        assertThat(text(browser, "budget-EUR")).contains("EUR");

        byId(browser, "dailyLimit").sendKeys("-5");
        clickAndLoad(browser, "set-budget");
        assertThat(text(browser, "error")).isEqualTo("dailyLimit: is required and must not be negative");
        assertThat(byId(browser, "dailyLimit").getAttribute("value")).isEqualTo("-5");

        byId(browser, "currency").clear();
        byId(browser, "currency").sendKeys("XYZ");
        byId(browser, "dailyLimit").clear();
        byId(browser, "dailyLimit").sendKeys("100.00");
        clickAndLoad(browser, "set-budget");
        assertThat(text(browser, "error")).isEqualTo("currency: 'XYZ' is not an ISO 4217 currency code");
    }

    @Test
    void anAdminAddsAndRemovesABlocklistEntry() {
        String email = "Blocked." + UUID.randomUUID() + "@Example.com";
        WebDriver browser = browser();
        signIn(browser, "admin");
        open(browser, "/console/admin/blocklist");

        new Select(byId(browser, "kind")).selectByValue("EMAIL");
        byId(browser, "value").sendKeys(email);
        byId(browser, "block-reason").sendKeys("Chargebacks on three orders");
        clickAndLoad(browser, "add-entry");
        assertThat(text(browser, "notice")).isEqualTo("Added to the blocklist.");
        String row = browser.findElement(By.xpath("//table[@id='blocklist']//tr[td[@class='value' and text()='"
                + email.toLowerCase() + "']]")).getAttribute("id");
        assertThat(text(browser, row)).contains("EMAIL", "Chargebacks on three orders", "admin");

        // The same entry again: the service's conflict is shown in the page, with what was typed.
        new Select(byId(browser, "kind")).selectByValue("EMAIL");
        byId(browser, "value").sendKeys(email);
        byId(browser, "block-reason").sendKeys("Twice");
        clickAndLoad(browser, "add-entry");
        assertThat(text(browser, "error")).contains("is already on the blocklist");
        assertThat(byId(browser, "value").getAttribute("value")).isEqualTo(email);

        clickAndLoad(browser, byId(browser, row).findElement(By.tagName("button")));
        assertThat(text(browser, "notice")).isEqualTo("Removed from the blocklist.");
        assertThat(browser.findElements(By.id(row))).isEmpty();
    }

    @Test
    void anAdminCreatesAUserWhoCanSignInAndDeactivatesThem() {
        String username = "pat-" + UUID.randomUUID().toString().substring(0, 8);
        WebDriver admin = browser();
        signIn(admin, "admin");
        open(admin, "/console/admin/users");

        byId(admin, "username").sendKeys(username);
        byId(admin, "displayName").sendKeys("Pat Tester");
        new Select(byId(admin, "role")).selectByValue("analyst");
        byId(admin, "password").sendKeys("short");
        // The browser would stop a short password itself; remove that check to see the service's answer.
        ((org.openqa.selenium.JavascriptExecutor) admin).executeScript("document.getElementById('password').removeAttribute('minlength')");
        clickAndLoad(admin, "create-user");
        assertThat(text(admin, "error")).isEqualTo("password: must have at least 12 characters");
        assertThat(byId(admin, "username").getAttribute("value")).isEqualTo(username);
        assertThat(byId(admin, "password").getAttribute("value")).isEmpty();

        byId(admin, "displayName").clear();
        byId(admin, "displayName").sendKeys("Pat Tester");
        new Select(byId(admin, "role")).selectByValue("analyst");
        byId(admin, "password").sendKeys("pat-initial-pass");
        clickAndLoad(admin, "create-user");
        assertThat(text(admin, "notice")).isEqualTo("The user is created and can sign in.");
        assertThat(text(admin, "user-" + username)).contains("Pat Tester", "analyst", "Active");

        WebDriver pat = browser();
        signIn(pat, username, "pat-initial-pass");
        assertThat(text(pat, "whoami")).isEqualTo("Signed in as Pat Tester (analyst)");
        open(pat, "/console/policies");
        assertThat(pat.findElement(By.tagName("h1")).getText()).isEqualTo("Policies");

        clickAndLoad(admin, byId(admin, "user-" + username).findElement(By.tagName("button")));
        assertThat(text(admin, "notice")).startsWith("The user is deactivated");
        assertThat(text(admin, "user-" + username)).contains("Deactivated");
        open(pat, "/console/policies");
        assertThat(pat.getCurrentUrl()).contains("/console/login");
        // An admin's own row has no deactivate button.
        assertThat(byId(admin, "user-admin").findElements(By.tagName("button"))).isEmpty();
    }

    @Test
    void anAdminCreatesAnApiKeySeesItsSecretOnceAndRevokesIt() {
        String owner = "Reporting script " + UUID.randomUUID();
        WebDriver browser = browser();
        signIn(browser, "admin");
        open(browser, "/console/admin/keys");

        byId(browser, "owner").sendKeys(owner);
        new Select(byId(browser, "key-role")).selectByValue("accountant");
        new Select(byId(browser, "key-user")).selectByValue("accountant");
        clickAndLoad(browser, "create-key");
        String secret = byId(browser, "new-key-secret").getAttribute("value");
        assertThat(secret).startsWith("cpk_").hasSizeGreaterThan(40);
        assertThat(text(browser, "issued")).contains("New accountant key for " + owner);
        given().header("Authorization", "Bearer " + secret).get("/api/automation").then().statusCode(200);
        given().header("Authorization", "Bearer " + secret).get("/api/blocklist").then().statusCode(403);

        open(browser, "/console/admin/keys");
        assertThat(browser.findElements(By.id("issued"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secret);
        String row = browser.findElement(By.xpath("//table[@id='keys']//tr[td[text()='" + owner + "']]")).getAttribute("id");
        clickAndLoad(browser, byId(browser, row).findElement(By.tagName("button")));
        assertThat(text(browser, "notice")).startsWith("The key is revoked");
        assertThat(text(browser, row)).contains("Revoked", "admin");
        screenshot(browser, "admin-keys");
        given().header("Authorization", "Bearer " + secret).get("/api/automation").then().statusCode(401);
    }

    @Test
    void onlyAdminsOpenTheAdminPagesAndEveryFormNeedsItsCsrfToken() {
        Cookies analyst = ConsoleSession.signIn("analyst");
        for (String page : new String[] {"/console/admin", "/console/admin/blocklist", "/console/admin/users", "/console/admin/keys"}) {
            given().cookies(analyst).redirects().follow(false).get(page).then().statusCode(403)
                    .body(containsString("Your role (analyst) may not open this page."));
        }
        Cookies admin = ConsoleSession.signIn("admin");
        given().cookies(admin).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("reason", "forged").post("/console/admin/automation/pause").then().statusCode(400);
        as(ADMIN).get("/api/automation").then().body("paused", equalTo(false));
    }

    @Test
    void theAdminPagesSpeakFrench() {
        WebDriver browser = browser("fr");
        signIn(browser, "admin");
        open(browser, "/console/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Automatisation");
        assertThat(browser.findElement(By.cssSelector("label[for=reason]")).getText()).isEqualTo("Raison de la pause");
        open(browser, "/console/admin/keys");
        assertThat(browser.findElement(By.cssSelector("label[for=owner]")).getText()).isEqualTo("Propriétaire");
    }
}
