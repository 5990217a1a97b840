package io.claimpilot.security;

import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.http.Cookies;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * Every state-changing console request needs the CSRF token, whatever its media type: a forged post with no body,
 * with JSON or with plain text gets 400 and changes nothing. The attacker's request carries the victim's session and
 * CSRF cookies (the worst case), only not the token, which a foreign page cannot read.
 */
@QuarkusTest
class ConsoleCsrfTest extends BrowserTest {

    @Inject
    Db db;
    @Inject
    ApiKeys apiKeys;
    @Inject
    ConsoleUsers users;

    /** How a forged request can look: each skips the form the token lives in. */
    enum Forgery {
        NO_BODY, JSON, PLAIN_TEXT, FORM_WITHOUT_TOKEN, MULTIPART_WITHOUT_TOKEN;

        RequestSpecification applyTo(RequestSpecification request) {
            return switch (this) {
                case NO_BODY -> request;
                case JSON -> request.contentType("application/json").body("{}");
                case PLAIN_TEXT -> request.contentType("text/plain").body("x=y");
                case FORM_WITHOUT_TOKEN -> request.contentType("application/x-www-form-urlencoded").formParam("x", "y");
                case MULTIPART_WITHOUT_TOKEN -> request.contentType("multipart/form-data").multiPart("x", "y");
            };
        }
    }

    @ParameterizedTest(name = "take, {0}")
    @EnumSource(Forgery.class)
    void aForgedTakeIsRefusedAndTheClaimStaysInTheQueue(Forgery forgery) {
        String id = claimInReview(uniqueAmount(170));
        forged(forgery, "agent", "/console/queue/" + id + "/take");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee is null", id)).isEqualTo(1);
    }

    @ParameterizedTest(name = "approve, {0}")
    @EnumSource(Forgery.class)
    void aForgedApprovalIsRefusedAndTheRefundStillWaits(Forgery forgery) {
        String amount = uniqueAmount(650);
        String id = claimInReview(amount);
        as(AGENT).post("/api/reviews/" + id + "/take").then().statusCode(200);
        as(AGENT).body(Map.of("action", "REFUND", "amount", money(amount), "note", "Lamp never shipped"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(202);

        forged(forgery, "agent2", "/console/claims/" + id + "/approve");
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));
    }

    @ParameterizedTest(name = "resume automation, {0}")
    @EnumSource(Forgery.class)
    void aForgedResumeIsRefusedAndAutomationStaysPaused(Forgery forgery) {
        as(ADMIN).body(Map.of("reason", "csrf test")).post("/api/automation/pause").then().statusCode(200);
        try {
            forged(forgery, "admin", "/console/admin/automation/resume");
            as(ADMIN).get("/api/automation").then().body("paused", equalTo(true));
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
    }

    @ParameterizedTest(name = "revoke a key, {0}")
    @EnumSource(Forgery.class)
    void aForgedRevocationIsRefusedAndTheKeyStillWorks(Forgery forgery) {
        String holder = "csrf-holder-" + ThreadLocalRandom.current().nextInt(1_000_000);
        users.create(holder, "Quiet-Lantern-Orbit-73", "agent", null, "csrf-test");
        ApiKeys.Issued key = apiKeys.create(new ApiKeys.NewKey(uniqueId("csrf-victim"), "agent", holder, null), "csrf-test");
        forged(forgery, "admin", "/console/admin/keys/" + key.id() + "/revoke");
        as(key.secret()).get("/api/reviews").then().statusCode(200);
    }

    @ParameterizedTest(name = "deactivate a user, {0}")
    @EnumSource(Forgery.class)
    void aForgedDeactivationIsRefusedAndTheUserStaysActive(Forgery forgery) {
        String username = "csrf-" + ThreadLocalRandom.current().nextInt(1_000_000);
        users.create(username, "Quiet-Lantern-Orbit-73", "agent", null, "csrf-test");
        forged(forgery, "admin", "/console/admin/users/" + username + "/deactivate");
        assertThat(db.count("select count(*) from console_user where username = ?1 and active", username)).isEqualTo(1);
    }

    /** The same five actions from the console's own forms, which carry the token, go through. */
    @Test
    void theConsoleFormsWorkAndAPostForgedFromAnotherFormFails() {
        String id = claimInReview(uniqueAmount(171));
        WebDriver browser = browser();
        signIn(browser, "agent");
        open(browser, "/console/claims/" + id);
        clickAndLoad(browser, "take");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee = 'agent'", id)).isEqualTo(1);

        // A page of another site cannot read the token; the best it can do is a form with everything else. Built
        // here in the console's own origin (the most an attacker could hope for), it still fails.
        String other = claimInReview(uniqueAmount(172));
        open(browser, "/console/queue");
        ((JavascriptExecutor) browser).executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/console/queue/' + arguments[0] + '/take';
                form.enctype = 'text/plain';
                const field = document.createElement('input');
                field.name = 'x'; field.value = 'y';
                form.appendChild(field);
                const submit = document.createElement('button');
                submit.type = 'submit'; submit.id = 'forged';
                form.appendChild(submit);
                document.body.appendChild(form);
                """, other);
        clickAndLoad(browser, "forged");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and assignee is null", other)).isEqualTo(1);

        WebDriver admin = browser();
        signIn(admin, "admin");
        as(ADMIN).body(Map.of("reason", "csrf browser test")).post("/api/automation/pause").then().statusCode(200);
        try {
            open(admin, "/console/admin");
            clickAndLoad(admin, "resume");
            as(ADMIN).get("/api/automation").then().body("paused", equalTo(false));
        } finally {
            if (as(ADMIN).get("/api/automation").then().extract().<Boolean>path("paused")) {
                as(ADMIN).post("/api/automation/resume").then().statusCode(200);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------

    /**
     * Posts as the signed-in user, with the session and CSRF cookies but without the token: 400. The agent's take
     * and approve read only url-encoded forms, so a multipart post is turned away even before the check, with 415.
     */
    private void forged(Forgery forgery, String username, String path) {
        Cookies cookies = withCsrfCookie(ConsoleSession.signIn(username));
        assertThat(cookies.hasCookieWithName("claimpilot-csrf")).isTrue();
        var refused = forgery.applyTo(given().cookies(cookies).redirects().follow(false)).post(path).then();
        if (forgery == Forgery.MULTIPART_WITHOUT_TOKEN && !path.startsWith("/console/admin/")) {
            refused.statusCode(oneOf(400, 415));
        } else {
            refused.statusCode(400);
        }
    }

    /** A console page visited first leaves the CSRF cookie, as it would in the victim's browser. */
    private static Cookies withCsrfCookie(Cookies session) {
        Cookies fromPage = given().cookies(session).redirects().follow(false).get("/console/home").then()
                .extract().detailedCookies();
        List<Cookie> all = new ArrayList<>(session.asList());
        all.addAll(fromPage.asList());
        return new Cookies(all);
    }

    private static String claimInReview(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).orderId(uniqueId("order")).totalPaid(amount)
                        .item("LAMP-03", 1, amount).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    private static String uniqueAmount(int euros) {
        return euros + "." + String.format("%02d", ThreadLocalRandom.current().nextInt(1, 99));
    }
}
