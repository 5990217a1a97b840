package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every hostile policy uploaded through the API is refused with a located error; nothing is stored and the service lives. */
@QuarkusTest
class HostilePolicyUploadTest {

    @Inject
    Db db;

    static Stream<HostilePolicies.Hostile> hostile() {
        return HostilePolicies.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void anUploadedHostilePolicyIsRefusedAndNothingIsStored(HostilePolicies.Hostile hostile) {
        long versions = db.count("select count(*) from policy_version");
        String active = given().header("Authorization", "Bearer " + ANALYST).get("/api/policy").path("version");

        var refused = given().header("Authorization", "Bearer " + ANALYST)
                .multiPart("comment", "hostile: " + hostile.file().name())
                .multiPart("files", hostile.file().name(), hostile.file().content())
                .post("/api/policies").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("report.valid", equalTo(false))
                .body("report.scenarios.total", equalTo(0)) // nothing of the policy ran
                .body("report.problems.message", hasItem(containsString(hostile.words())));
        if (hostile.line() != null) {
            refused.body("report.problems.find { it.file == '" + hostile.file().name() + "' && it.line == " + hostile.line()
                    + " }.severity", equalTo("ERROR"));
        } else {
            refused.body("report.problems.find { it.file == '" + hostile.file().name() + "' && it.cell == '" + hostile.cell()
                    + "' }.sheet", equalTo(hostile.sheet()));
        }

        assertThat(db.count("select count(*) from policy_version")).isEqualTo(versions);
        given().header("Authorization", "Bearer " + ANALYST).get("/api/policy").then().statusCode(200).body("version", equalTo(active));
        management().get("/q/health/live").then().statusCode(200);
    }
}
