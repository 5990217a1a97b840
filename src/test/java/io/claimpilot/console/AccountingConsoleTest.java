package io.claimpilot.console;

import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.claimpilot.support.PastDays;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The accountant's page in a real browser, on a past day of its own (days 1200 to 1826 after 2000-01-01, before KpiDashboardTest's weeks and apart from
 * the accounting API tests): two refunds with their credit notes and one failed refund.
 */
@QuarkusTest
class AccountingConsoleTest extends BrowserTest {

    static final ZoneId PARIS = PastDays.PARIS;

    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Inject
    PastDays pastDays;

    PastDays.Visit visit;
    LocalDate day;

    @BeforeEach
    void aPastDayOfItsOwn() {
        // What earlier tests left due runs first, at their time, not on this test's day.
        visit = pastDays.enter(1200, 1826);
        day = visit.day();
    }

    @AfterEach
    void clockAsBefore() {
        pastDays.leave(visit);
    }

    @Test
    void anAccountantSeesTheNotesTheirTotalsTheJournalAndTheExceptions() {
        String first = create("42.00");
        String second = create("12.00");
        drain();
        String failed = create("15.00");
        db.execute("update outbox set status = 'FAILED', updated_at = ?2 where claim_id = ?1 and action = 'REFUND'",
                failed, Timestamp.from(day.atTime(11, 0).atZone(PARIS).toInstant()));
        List<String> numbers = List.of(note(first), note(second));

        WebDriver browser = browser();
        signIn(browser, "accountant");
        open(browser, "/console");
        clickAndLoad(browser, "home-accounting");
        assertThat(browser.getCurrentUrl()).contains("/console/accounting");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accounting");

        open(browser, "/console/accounting?from=" + day + "&to=" + day);
        assertThat(text(browser, "period-text")).contains(day.toString(), "Europe/Paris");
        assertThat(text(browser, "rate-EUR-20")).contains("EUR", "20 %", "2", "45.00 EUR", "9.00 EUR", "54.00 EUR");
        assertThat(browser.findElements(By.cssSelector("#notes tbody tr"))).hasSize(2);
        assertThat(byId(browser, "note-" + numbers.get(0)).findElement(By.cssSelector("a.pdf")).getAttribute("href"))
                .endsWith("/console/accounting/credit-notes/" + numbers.get(0) + ".pdf");
        assertThat(text(browser, "note-" + numbers.get(1))).contains("ANNULATION", "10.00 EUR", "2.00 EUR", "12.00 EUR");
        assertThat(text(browser, "exception-failed-" + failed)).contains("Failed", "15.00 EUR");
        assertThat(text(browser, "day-" + day + "-EUR")).contains("69.00 EUR (3)", "54.00 EUR (2)", "15.00 EUR (1)");
        assertThat(browser.findElements(By.tagName("script"))).as("works with JavaScript off").isEmpty();
        String fec = byId(browser, "download-fec").getAttribute("href");
        String csv = byId(browser, "download-csv").getAttribute("href");
        // target/screenshots/accounting.png, the README's docs/screenshots/accounting.png
        screenshot(browser, "accounting");

        clickAndLoad(browser, byId(browser, "exception-failed-" + failed).findElement(By.tagName("a")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/claims/" + failed);

        // The downloads work with the console's session, which never opens the API.
        Cookies session = ConsoleSession.signIn("accountant");
        String fecText = new String(given().cookies(session).get(fec.substring(fec.indexOf("/console")))
                .then().statusCode(200).header("Content-Disposition", containsString("FEC")).extract().asByteArray(),
                Charset.forName("ISO-8859-15"));
        assertThat(fecText).startsWith("JournalCode|JournalLib|").contains(numbers.get(0) + "|", numbers.get(1) + "-R|");
        given().cookies(session).get(csv.substring(csv.indexOf("/console"))).then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).body(containsString(numbers.get(1)));
        given().cookies(session).get("/api/accounting/journal").then().statusCode(401);
        byte[] document = given().cookies(session).get("/console/accounting/credit-notes/" + numbers.get(0) + ".pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(new String(document, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        open(browser, "/console/accounting?from=" + day + "&to=" + day + "&lang=fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Comptabilité");
        assertThat(text(browser, "exception-failed-" + failed)).contains("Échoué");

        open(browser, "/console/accounting?from=" + day.plusDays(1) + "&to=" + day);
        assertThat(text(browser, "error")).contains("to");
    }

    @Test
    void agentsAndAnalystsDoNotSeeTheBooks() {
        WebDriver agent = browser();
        signIn(agent, "agent");
        assertThat(agent.findElements(By.id("nav-accounting"))).isEmpty();
        open(agent, "/console/accounting");
        assertThat(agent.findElement(By.tagName("h1")).getText()).doesNotContain("Accounting");
        given().cookies(ConsoleSession.signIn("analyst")).redirects().follow(false)
                .get("/console/accounting/journal?format=fec").then().statusCode(403);
    }

    private String create(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).item("MUG-01", 1, amount).map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
    }

    private String note(String claimId) {
        return db.strings("select number from credit_note where claim_id = ?1", claimId).get(0);
    }

    private void drain() {
        pastDays.drain();
    }
}
