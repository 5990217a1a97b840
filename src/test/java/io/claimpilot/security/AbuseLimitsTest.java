package io.claimpilot.security;

import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.DemoUsersForTests;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Guessing is slowed with the production limits (the other tests run with them out of reach): 5 failed sign-ins per
 * user name or 20 per address in 15 minutes lock sign-in for 15 minutes, and 50 unknown API keys a minute from one
 * address get 429. Every request here comes from 127.0.0.1; each test first moves the clock past earlier locks.
 */
@QuarkusTest
@TestProfile(AbuseLimitsTest.ProductionLimits.class)
class AbuseLimitsTest extends BrowserTest {

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("claimpilot.security.sign-in.max-failures-per-user", "5",
                    "claimpilot.security.sign-in.max-failures-per-address", "20",
                    "claimpilot.security.sign-in.window", "15m",
                    "claimpilot.security.sign-in.lockout", "15m",
                    "claimpilot.security.api-keys.max-unknown-per-address", "50",
                    "claimpilot.security.api-keys.window", "1m");
        }
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    MutableClock clock;

    @BeforeEach
    void pastEarlierLocks() {
        clock.advance(Duration.ofMinutes(31));
    }

    @Test
    void fiveFailedSignInsForOneUserLockItForFifteenMinutesWithoutAPasswordCheck() {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("accountant", "wrong-" + i).header("Location")).endsWith("/console/login?error=true");
        }
        Instant until = clock.instant().plus(Duration.ofMinutes(15));

        // The right password is not even checked now.
        Response locked = signIn("accountant", DemoUsersForTests.password("accountant"));
        assertThat(locked.statusCode()).isIn(302, 303);
        assertThat(locked.header("Location")).endsWith("/console/login?error=true&retryAt=" + until.getEpochSecond());
        assertThat(locked.detailedCookies().hasCookieWithName("claimpilot-session")).isFalse();
        given().get(locked.header("Location")).then().statusCode(401)
                .body(containsString("Too many attempts, try again at " + HH_MM.format(until) + " UTC."));

        // Another user at the same address is not locked (5 failures of 20), nor is the API.
        assertThat(signIn("admin", DemoUsersForTests.password("admin")).detailedCookies().hasCookieWithName("claimpilot-session")).isTrue();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(signIn("accountant", DemoUsersForTests.password("accountant")).header("Location")).contains("retryAt=");
        clock.advance(Duration.ofSeconds(1));
        Response after = signIn("accountant", DemoUsersForTests.password("accountant"));
        assertThat(after.detailedCookies().hasCookieWithName("claimpilot-session")).as("signed in after the lock").isTrue();
    }

    @Test
    void twentyFailedSignInsFromOneAddressLockEveryUserName() {
        for (int i = 0; i < 20; i++) {
            assertThat(signIn("nobody-" + UUID.randomUUID(), "guess").header("Location")).endsWith("/console/login?error=true");
        }
        Response locked = signIn("admin", DemoUsersForTests.password("admin"));
        assertThat(locked.header("Location")).contains("retryAt=" + clock.instant().plus(Duration.ofMinutes(15)).getEpochSecond());
        assertThat(locked.detailedCookies().hasCookieWithName("claimpilot-session")).isFalse();

        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn("admin", DemoUsersForTests.password("admin")).detailedCookies().hasCookieWithName("claimpilot-session")).isTrue();
    }

    @Test
    void fiftyUnknownKeysFromOneAddressGet429WithRetryAfterAndNoKeyIsChecked() {
        try {
            for (int i = 0; i < 50; i++) {
                given().header("Authorization", "Bearer guess-" + i).get("/api/automation").then().statusCode(401);
            }
            // Even a right key is refused now: otherwise its answer would tell a right guess from a wrong one.
            as(ADMIN).get("/api/automation").then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "60")
                    .body("status", equalTo(429))
                    .body("detail", containsString("unknown API key"));
            given().header("Authorization", "Bearer guess-51").get("/api/claims/cl_none").then().statusCode(429);
            // Webhooks and the console are not behind this limit.
            given().redirects().follow(false).get("/console/login").then().statusCode(200);

            clock.advance(Duration.ofSeconds(30));
            as(ADMIN).get("/api/automation").then().statusCode(429).header("Retry-After", "30");
            clock.advance(Duration.ofSeconds(30));
            as(ADMIN).get("/api/automation").then().statusCode(200);
        } finally {
            clock.advance(Duration.ofMinutes(2));
        }
    }

    @Test
    void aKnownKeyIsNotCountedAndFewerUnknownKeysAreNotLimited() {
        for (int i = 0; i < 49; i++) {
            given().header("Authorization", "Bearer guess-" + i).get("/api/automation").then().statusCode(401);
        }
        for (int i = 0; i < 10; i++) {
            as(ADMIN).get("/api/automation").then().statusCode(200);
        }
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void theSignInPageSaysWhenToTryAgainInEnglishAndFrench() {
        WebDriver english = browser("en");
        for (int i = 0; i < 5; i++) {
            signIn(english, "analyst2", "wrong-" + i);
            assertThat(text(english, "login-error")).isEqualTo("Wrong user name or password.");
        }
        String until = HH_MM.format(clock.instant().plus(Duration.ofMinutes(15)));
        signIn(english, "analyst2");
        assertThat(text(english, "login-error")).isEqualTo("Too many attempts, try again at " + until + " UTC.");
        assertThat(english.getCurrentUrl()).contains("/console/login");
        screenshot(english, "sign-in-locked");

        WebDriver french = browser("fr");
        signIn(french, "analyst2");
        assertThat(text(french, "login-error")).isEqualTo("Trop de tentatives, réessayez à " + until + " UTC.");
    }

    private static Response signIn(String username, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
    }
}
