package io.claimpilot.console;

import io.claimpilot.policy.DecisionTableWorkbook;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.support.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The version page and the replay page show the parameters a version changes from the active one. */
@QuarkusTest
class ParameterChangesConsoleTest {

    @Test
    void theVersionAndItsReplayShowTheChangedParameter() {
        // The changes are counted from the active version: make it the shipped one, whatever an earlier test left.
        String original = as(ANALYST).get("/api/policy").path("version");
        String shipped = PolicySource.fromDirectory(Path.of("rules")).hash();
        as(ANALYST).post("/api/policies/" + shipped + "/activate").then().statusCode(200);
        try {
            showsTheChangedParameter();
        } finally {
            as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }

    private static void showsTheChangedParameter() {
        byte[] table = DecisionTableWorkbook.shippedClaimsTable(DecisionTableWorkbook.shippedParametersWith("photo_deadline_hours", "72"));
        String candidate = given().header("Authorization", "Bearer " + ANALYST)
                .multiPart("comment", "Three days to send a photo")
                .multiPart("files", "claims.xlsx", table)
                .post("/api/policies").then().statusCode(201).extract().path("version");
        Cookies session = ConsoleSession.signIn("analyst");

        String versionPage = given().cookies(session).get("/console/policies/" + candidate).then().statusCode(200).extract().asString();
        assertThat(row(versionPage)).contains("<code>photo_deadline_hours</code>", "claims.xlsx", "48", "72");

        var replayForm = given().cookies(session).get("/console/policies/" + candidate + "/replay").then().statusCode(200).extract();
        String replayPage = given().cookies(session).cookies(replayForm.detailedCookies())
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", PolicyConsoleTest.csrfToken(replayForm.asString())).formParam("last", "10")
                .post("/console/policies/" + candidate + "/replay").then().statusCode(200).extract().asString();
        assertThat(row(replayPage)).contains("<code>photo_deadline_hours</code>", "48", "72");
    }

    private static String row(String html) {
        int start = html.indexOf("<tr id=\"parameter-photo_deadline_hours\">");
        assertThat(start).as("the parameter's row").isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
