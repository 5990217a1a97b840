package io.claimpilot.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, metrics and the OpenAPI document are served on the management interface only, not on the public port. */
@QuarkusTest
class OperationalEndpointsTest {

    @Test
    void openApiHealthAndMetricsAreServedOnTheManagementInterface() {
        management().get("/q/openapi").then().statusCode(200).body(containsString("/api/claims"));
        management().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        management().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @ParameterizedTest(name = "{0} is not on the public port")
    @ValueSource(strings = {"/q/openapi", "/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"})
    void operationalEndpointsAreNotOnThePublicPort(String path) {
        given().get(path).then().statusCode(404);
        as(ADMIN).get(path).then().statusCode(404);
    }
}
