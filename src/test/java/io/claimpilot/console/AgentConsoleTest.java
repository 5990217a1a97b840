package io.claimpilot.console;

import io.claimpilot.flow.ReviewTimeoutJob;
import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.AGENT2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.claimpilot.support.DemoUsersForTests.ANALYST;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Support agents work the queue in a real browser: take, read the decision, refund, four-eyes, roles. */
@QuarkusTest
class AgentConsoleTest extends BrowserTest {

    @Inject
    Db db;
    @Inject
    MutableClock clock;
    @Inject
    ReviewTimeoutJob timeoutJob;

    /** A cancelled-order claim above the policy's cap, so it waits for a person; its amount is unique to the test. */
    private static String claimInReview(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).orderId(uniqueId("order")).totalPaid(amount)
                        .customerName("Claire Client").item("LAMP-03", 1, amount).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    /** An amount no other test uses, to filter the shared queue down to this test's claim. */
    private static String uniqueAmount(int euros) {
        return euros + "." + String.format("%02d", ThreadLocalRandom.current().nextInt(1, 99));
    }

    private void openQueueFor(WebDriver browser, String amount) {
        open(browser, "/console/queue?min=" + amount + "&max=" + amount);
    }

    @Test
    void anAgentTakesAClaimSeesTheRulesAndRefundsPartOfItAndTheClaimLeavesTheQueue() {
        String amount = uniqueAmount(180);
        String id = claimInReview(amount);
        WebDriver browser = browser();
        signIn(browser, "agent");
        assertThat(browser.getCurrentUrl()).contains("/console/queue");

        openQueueFor(browser, amount);
        WebElement row = browser.findElement(By.id("row-" + id));
        assertThat(row.getText()).contains("Claire Client", amount + " EUR", "ORDER_CANCELLED_BEFORE_SHIPMENT",
                "Amount above the 150.00 EUR cap for automatic refunds");
        screenshot(browser, "queue");

        clickAndLoad(browser, row.findElement(By.cssSelector("button.take")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/claims/" + id);
        assertThat(text(browser, "state")).contains("You are working on this claim.");
        assertThat(browser.findElements(By.cssSelector("#rules-fired li")).stream().map(WebElement::getText).toList())
                .containsExactly("Cancelled before shipment, above the cap: review");
        assertThat(text(browser, "policy-version")).hasSize(64);
        assertThat(text(browser, "facts")).contains("Claimed amount", "Refundable balance", "Customer claims last 30 days");
        assertThat(text(browser, "audit")).contains("TAKEN", "RECEIVED → IN_REVIEW");
        screenshot(browser, "claim");

        byId(browser, "refund-partial").click();
        byId(browser, "refund-amount").sendKeys("50.00");
        byId(browser, "note-refund").sendKeys("Half the lamp's price agreed with the customer");
        clickAndLoad(browser, "do-refund");

        assertThat(text(browser, "done")).isEqualTo("Claim " + id + " is resolved and left the queue.");
        openQueueFor(browser, amount);
        assertThat(browser.findElements(By.id("row-" + id))).isEmpty();
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("REFUND_APPROVED"))
                .body("decision.amount.amount", equalTo("50.00")).body("decision.decidedBy", equalTo("agent"));
        // Partial refund of a claim the policy only sent to a person: recorded, and not an override.
        assertThat(db.count("select count(*) from review_resolution where claim_id = ?1 and agent_action = 'REFUND'"
                + " and policy_action = 'HUMAN_REVIEW' and not override", id)).isEqualTo(1);
    }

    @Test
    void theClaimPageShowsTheFactsTheDecisionSawEvenAfterTheOrderAndTheStockChanged() {
        String sku = uniqueId("LAMP");
        as(ADMIN).body(Map.of("available", 4)).put("/api/stock/" + sku).then().statusCode(200);
        String order = uniqueId("order");
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "190.00").orderId(order).totalPaid("400.00")
                        .item(sku, 1, "190.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        Cookies agent = ConsoleSession.signIn("agent");
        String before = claimPage(agent, id);
        assertThat(factsTable(before)).contains("Refundable balance</th><td>400.00", "All items in stock</th><td>true");

        // After the decision the warehouse runs out, and another claim on the same order is refunded.
        as(ADMIN).body(Map.of("available", 0)).put("/api/stock/" + sku).then().statusCode(200);
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").orderId(order).totalPaid("400.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("REFUND_APPROVED"));
        String after = claimPage(agent, id);

        assertThat(factsTable(after)).isEqualTo(factsTable(before));
        // The rest of the page is today's: what is left to refund now has moved.
        assertThat(after).contains("<dd id=\"refundable\">380.00 EUR</dd>");
    }

    private static String claimPage(Cookies session, String claimId) {
        return given().cookies(session).redirects().follow(false).get("/console/claims/" + claimId)
                .then().statusCode(200).extract().asString();
    }

    private static String factsTable(String page) {
        Matcher table = Pattern.compile("<table id=\"facts\">.*?</table>", Pattern.DOTALL).matcher(page);
        assertThat(table.find()).as("the facts table").isTrue();
        return table.group();
    }

    @Test
    void aSecondAgentCannotTakeAClaimAnotherAgentIsWorking() {
        String amount = uniqueAmount(170);
        String id = claimInReview(amount);
        WebDriver first = browser();
        signIn(first, "agent");
        openQueueFor(first, amount);
        clickAndLoad(first, first.findElement(By.id("row-" + id)).findElement(By.cssSelector("button.take")));

        WebDriver second = browser();
        signIn(second, "agent2");
        openQueueFor(second, amount);
        WebElement row = second.findElement(By.id("row-" + id));
        assertThat(row.findElement(By.className("assignee")).getText()).isEqualTo("agent");
        assertThat(row.findElements(By.cssSelector("button.take"))).isEmpty();
        clickAndLoad(second, row.findElement(By.className("open")));
        assertThat(text(second, "state")).isEqualTo("agent is working on this claim: you cannot act on it.");
        assertThat(second.findElements(By.id("do-refund"))).isEmpty();

        // Nor through the API, nor with a forged form: 409 naming who has it, and the claim stays with the first agent.
        as(AGENT2).post("/api/reviews/" + id + "/take").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("being worked by agent"));
        as(AGENT2).body(Map.of("action", "DENY", "note", "sneaky")).post("/api/reviews/" + id + "/resolve").then().statusCode(409);
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee = 'agent'", id)).isEqualTo(1);
    }

    @Test
    void aRefundAboveTheFourEyesAmountWaitsForASecondAgent() {
        String amount = uniqueAmount(600);
        String id = claimInReview(amount);
        WebDriver first = browser();
        signIn(first, "agent");
        openQueueFor(first, amount);
        clickAndLoad(first, first.findElement(By.id("row-" + id)).findElement(By.cssSelector("button.take")));
        byId(first, "note-refund").sendKeys("Lamp never left the warehouse");
        clickAndLoad(first, "do-refund");

        assertThat(text(first, "notice")).startsWith("Your refund waits for a second agent");
        assertThat(text(first, "pending")).isEqualTo("A refund of " + amount + " EUR proposed by agent waits for a second agent.");
        assertThat(first.findElements(By.id("approve"))).isEmpty();
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        WebDriver second = browser();
        signIn(second, "agent2");
        open(second, "/console/claims/" + id);
        clickAndLoad(second, "approve");
        assertThat(text(second, "done")).contains(id);
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("REFUND_APPROVED"))
                .body("decision.decidedBy", equalTo("agent, approved by agent2"));
    }

    @Test
    void aUserWithoutTheAgentRoleGets403() {
        WebDriver browser = browser();
        signIn(browser, ANALYST);
        open(browser, "/console/queue");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(text(browser, "error-detail")).isEqualTo("Your role (analyst) may not open this page.");

        Cookies analyst = ConsoleSession.signIn(ANALYST);
        given().cookies(analyst).redirects().follow(false).get("/console/queue").then().statusCode(403).contentType("text/html");
        given().cookies(analyst).redirects().follow(false).get("/console/claims/cl_none").then().statusCode(403);
    }

    @Test
    void aTakeWithoutTheCsrfTokenIsRefused() {
        String id = claimInReview(uniqueAmount(160));
        Cookies agent = ConsoleSession.signIn("agent");
        given().cookies(agent).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("x", "y").post("/console/queue/" + id + "/take").then().statusCode(400);
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee is null", id)).isEqualTo(1);
    }

    @Test
    void aClaimLeftUntouchedGoesBackToTheQueue() {
        String id = claimInReview(uniqueAmount(175));
        as(AGENT).post("/api/reviews/" + id + "/take").then().statusCode(200).body("assignee", equalTo("agent"));

        clock.advance(Duration.ofMinutes(29));
        timeoutJob.run();
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee = 'agent'", id)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        timeoutJob.run();
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee is null", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from review_event where claim_id = ?1 and kind = 'TIMED_OUT'", id)).isEqualTo(1);
        as(AGENT).post("/api/reviews/" + id + "/take").then().statusCode(200);
    }

    @Test
    void anAgentResolutionThatDiffersFromThePolicysProposalIsAnOverride() {
        as(ADMIN).body(Map.of("reason", "Console override test")).post("/api/automation/pause").then().statusCode(200);
        String id;
        try {
            id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").orderId(uniqueId("order")).totalPaid("40.00").map())
                    .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
        as(AGENT).body(Map.of("action", "DENY", "note", "Customer already got a voucher"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200);

        List<Map<String, Object>> overrides = as(AGENT).get("/api/reviews/resolutions?overrides=true&size=100").path("items");
        assertThat(overrides).anySatisfy(row -> {
            assertThat(row).containsEntry("claimId", id).containsEntry("policyAction", "REFUND")
                    .containsEntry("agentAction", "DENY").containsEntry("override", true)
                    .containsEntry("note", "Customer already got a voucher");
            assertThat(row.get("policyAmount")).isEqualTo(Map.of("amount", "40.00", "currency", "EUR"));
        });
    }

    @Test
    void anAgentCanAskForEvidenceWithADeadline() {
        String id = claimInReview(uniqueAmount(165));
        String deadline = clock.instant().plus(Duration.ofHours(24)).toString();
        as(AGENT).body(Map.of("action", "REQUEST_EVIDENCE", "note", "Please send the bank statement", "deadline", deadline))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE")).body("decision.deadline", equalTo(Instant.parse(deadline).toString()));
        as(AGENT).body(Map.of("action", "REQUEST_EVIDENCE", "note", "x")).post("/api/reviews/" + claimInReview(uniqueAmount(166)) + "/resolve")
                .then().statusCode(400).body("field", equalTo("deadline"));
    }
}
