package io.claimpilot.support;

import io.restassured.http.Cookies;

import static io.restassured.RestAssured.given;

/** A console session without a browser: signs in through the form endpoint and keeps the session cookie. */
public final class ConsoleSession {

    private ConsoleSession() {
    }

    public static Cookies signIn(String username) {
        Cookies cookies = given().redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username)
                .formParam("j_password", DemoUsersForTests.password(username))
                .post("/j_security_check")
                .then().statusCode(302).extract().detailedCookies();
        if (!cookies.hasCookieWithName("claimpilot-session")) {
            throw new AssertionError("No session cookie after signing in as " + username);
        }
        return cookies;
    }
}
