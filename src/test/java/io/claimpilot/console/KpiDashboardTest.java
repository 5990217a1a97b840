package io.claimpilot.console;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicators dashboard in a real browser, on a week of claims of its own (a random past week between 2005 and 2014, so its automatic refunds never count in a
 * later test's daily budget): the
 * headline figures, one bar per day with claims, the numbers in tables, the reasons, English and French, and roles.
 */
@QuarkusTest
class KpiDashboardTest extends BrowserTest {

    @Inject
    MutableClock clock;
    @Inject
    Dispatcher dispatcher;

    /** The clock as the previous test left it: put back afterwards, so other tests' days stay theirs. */
    Instant before;

    @BeforeEach
    void rememberTheClock() {
        before = clock.instant();
    }

    @AfterEach
    void clockAsBefore() {
        clock.set(before);
    }

    @Test
    void anAnalystReadsAWeekOfIndicatorsWithChartsAndTables() {
        LocalDate monday = LocalDate.of(2005, 1, 3).plusWeeks(ThreadLocalRandom.current().nextInt(0, 500));
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 1000)).put("/api/stock/" + sku).then().statusCode(200);
        // Day 1: 3 refunds by the policy and 1 above the cap; day 3: 2 reshipments; day 5: 1 refund, 1 above the cap.
        claimsOn(monday, 3, "ORDER_CANCELLED_BEFORE_SHIPMENT", "24.90", sku);
        claimsOn(monday, 1, "ORDER_CANCELLED_BEFORE_SHIPMENT", "180.00", sku);
        claimsOn(monday.plusDays(2), 2, "RETURN_SCANNED", "35.00", sku);
        claimsOn(monday.plusDays(4), 1, "ORDER_CANCELLED_BEFORE_SHIPMENT", "50.10", sku);
        claimsOn(monday.plusDays(4), 1, "ORDER_CANCELLED_BEFORE_SHIPMENT", "210.00", sku);
        clock.set(monday.plusDays(6).atTime(18, 0).toInstant(ZoneOffset.UTC));

        WebDriver browser = browser();
        signIn(browser, "analyst");
        clickAndLoad(browser, "nav-kpis");
        assertThat(browser.getCurrentUrl()).contains("/console/kpis");
        assertThat(byId(browser, "from").getAttribute("value")).isEqualTo(monday.minusDays(23).toString());

        open(browser, "/console/kpis?from=" + monday + "&to=" + monday.plusDays(6));
        assertThat(text(browser, "period-text")).contains(monday.toString(), monday.plusDays(6).toString());
        assertThat(text(browser, "kpi-claims")).contains("8").contains("Decided 6");
        assertThat(text(browser, "kpi-automation")).contains("100.0 %");
        assertThat(text(browser, "kpi-escalation")).contains("25.0 %");
        assertThat(text(browser, "kpi-refunds")).contains("124.80 EUR");
        assertThat(text(browser, "kpi-reshipments")).contains("2");
        assertThat(text(browser, "kpi-first-response")).contains("1 min 30 s / 1 min 30 s");
        assertThat(text(browser, "kpi-resolution")).contains("0 s / 0 s");
        assertThat(browser.findElements(By.cssSelector("#chart-claims rect.bar"))).hasSize(7);
        assertThat(browser.findElements(By.cssSelector("#chart-claims rect.bar")).stream()
                .filter(bar -> Double.parseDouble(bar.getAttribute("height")) > 0)).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#chart-automation circle.dot"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#days tbody tr"))).hasSize(7);
        assertThat(byId(browser, "day-" + monday).getAttribute("textContent")).contains("4", "100.0 %", "74.70 EUR");
        assertThat(text(browser, "reason-ORDER_CANCELLED_BEFORE_SHIPMENT")).contains("6", "4", "100.0 %", "33.3 %");
        assertThat(text(browser, "rules")).contains("Cancelled before shipment, up to the cap: refund");
        assertThat(text(browser, "no-pilot")).contains("No claim in this period was decided in a pilot.");
        assertThat(browser.findElements(By.tagName("script"))).as("works with JavaScript off").isEmpty();
        screenshot(browser, "kpis");

        open(browser, "/console/kpis?from=" + monday + "&to=" + monday.plusDays(6) + "&lang=fr");
        assertThat(text(browser, "kpi-claims")).contains("Réclamations").contains("Tranchées 6");
        assertThat(byId(browser, "chart-claims-title").getText()).isEqualTo("Réclamations par jour");

        open(browser, "/console/kpis?from=" + monday.plusDays(6) + "&to=" + monday);
        assertThat(text(browser, "error")).contains("to");
    }

    @Test
    void accountantsSeeTheIndicatorsAndAgentsDoNot() {
        WebDriver accountant = browser();
        signIn(accountant, "accountant");
        open(accountant, "/console");
        clickAndLoad(accountant, accountant.findElement(By.cssSelector("main a[href='/console/kpis']")));
        assertThat(accountant.findElement(By.tagName("h1")).getText()).isEqualTo("Indicators");

        WebDriver agent = browser();
        signIn(agent, "agent");
        assertThat(agent.findElements(By.id("nav-kpis"))).isEmpty();
        open(agent, "/console/kpis");
        assertThat(agent.findElement(By.tagName("h1")).getText()).doesNotContain("Indicators");
    }

    private void claimsOn(LocalDate day, int count, String reason, String amount, String sku) {
        clock.set(day.atTime(10, 0).toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(0, 300))));
        for (int i = 0; i < count; i++) {
            var body = claim(reason, amount).item(sku, 1, amount);
            if (reason.equals("RETURN_SCANNED")) {
                body.fulfillment("DELIVERED");
            }
            as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201);
        }
        // The acknowledgments go out 90 s later: the first response.
        clock.advance(Duration.ofSeconds(90));
        for (int n = 0; n < 50 && dispatcher.dispatchDue(100) > 0; n++) {
            // until nothing due is left
        }
    }
}
