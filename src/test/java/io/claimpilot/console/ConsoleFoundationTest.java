package io.claimpilot.console;

import io.claimpilot.support.BrowserTest;
import io.claimpilot.support.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.DemoUsersForTests.ANALYST;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Sign-in, languages, CSRF and the two authentication mechanisms side by side, in a real browser where it matters. */
@QuarkusTest
class ConsoleFoundationTest extends BrowserTest {

    @Test
    void aPersonSignsInSeesWhoTheyAreAndSignsOut() {
        WebDriver browser = browser();
        signIn(browser, ANALYST);

        assertThat(browser.getCurrentUrl()).endsWith("/console/home");
        assertThat(text(browser, "whoami")).isEqualTo("Signed in as Ana Analyst (analyst)");
        screenshot(browser, "home");

        browser.findElement(By.cssSelector("form[action='/console/logout'] button")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        open(browser, "/console/home");
        assertThat(browser.getCurrentUrl()).contains("/console/login");
    }

    @Test
    void aWrongPasswordShowsTheErrorAndSignsNobodyIn() {
        WebDriver browser = browser();
        signIn(browser, ANALYST, "not-the-password");

        assertThat(text(browser, "login-error")).isEqualTo("Wrong user name or password.");
        open(browser, "/console/home");
        assertThat(browser.getCurrentUrl()).contains("/console/login");
    }

    @Test
    void theConsoleFollowsTheBrowsersLanguageAndHasASwitch() {
        WebDriver browser = browser("fr-FR");
        open(browser, "/console/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Connexion");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");

        browser.findElement(By.linkText("English")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        signIn(browser, ANALYST);
        assertThat(text(browser, "whoami")).startsWith("Signed in as");
        browser.findElement(By.linkText("Français")).click();
        assertThat(text(browser, "whoami")).startsWith("Connecté");
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() {
        WebDriver browser = browser();
        signIn(browser, ANALYST);
        // The sign-out form, stripped of its token the way a forged cross-site form would lack it.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector(\"form[action='/console/logout'] input[name='csrf-token']\").remove();");
        browser.findElement(By.cssSelector("form[action='/console/logout'] button")).click();

        assertThat(browser.findElements(By.id("whoami"))).isEmpty();
        open(browser, "/console/home");
        assertThat(text(browser, "whoami")).contains("Ana Analyst");

        Cookies session = ConsoleSession.signIn(ANALYST);
        given().redirects().follow(false).cookies(session).contentType("application/x-www-form-urlencoded")
                .formParam("anything", "x").post("/console/logout").then().statusCode(400);
    }

    @Test
    void consolePagesRedirectToSignInWhileTheApiAnswers401AndNeitherTakesTheOthersCredentials() {
        given().redirects().follow(false).get("/console/home").then()
                .statusCode(302).header("Location", endsWith("/console/login"));
        given().redirects().follow(false).header("Authorization", "Bearer " + AGENT).get("/console/home").then()
                .statusCode(302).header("Location", endsWith("/console/login"));

        given().get("/api/reviews").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        Cookies session = ConsoleSession.signIn(ANALYST);
        given().cookies(session).get("/api/reviews").then().statusCode(401);
        given().redirects().follow(false).cookies(session).get("/console/home").then().statusCode(200);
        given().redirects().follow(false).cookies(session).get("/console").then()
                .statusCode(303).header("Location", endsWith("/console/home"));
        given().get("/console/assets/console.css").then().statusCode(200);
        given().header("Authorization", "Bearer " + AGENT).get("/api/reviews").then().statusCode(200)
                .body("page", equalTo(0));
    }
}
