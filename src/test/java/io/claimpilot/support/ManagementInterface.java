package io.claimpilot.support;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

import static io.restassured.RestAssured.given;

/** Requests to the management interface (/q/health, /q/metrics, /q/openapi), on its own loopback port in tests. */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification management() {
        URI root = URI.create(TestHTTPResourceManager.getManagementUri());
        return given().baseUri(root.getScheme() + "://" + root.getHost()).port(root.getPort());
    }
}
