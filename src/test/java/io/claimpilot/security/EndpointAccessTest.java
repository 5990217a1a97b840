package io.claimpilot.security;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.claimpilot.support.ConsoleSession;
import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

/** Every endpoint: 401 without a valid key, 403 for each role it does not allow, through for the roles it does. */
@QuarkusTest
class EndpointAccessTest {

    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);
    private static final List<Class<? extends Annotation>> SECURITY_ANNOTATIONS = List.of(RolesAllowed.class,
            PermitAll.class, DenyAll.class, Authenticated.class);

    private static final List<String> ROLES = List.of("shop", "agent", "analyst", "accountant", "admin");

    record Endpoint(String method, String path, List<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST", "/api/claims", List.of("shop")),
                new Endpoint("GET", "/api/claims/cl_none", List.of("shop", "agent")),
                new Endpoint("POST", "/api/claims/cl_none/evidence", List.of("shop", "agent")),
                new Endpoint("POST", "/api/claims/cl_none/photos", List.of("shop", "agent")),
                new Endpoint("GET", "/api/claims/cl_none/photos/ph_none", List.of("shop", "agent")),
                new Endpoint("GET", "/api/reviews", List.of("agent")),
                new Endpoint("POST", "/api/reviews/cl_none/resolve", List.of("agent")),
                new Endpoint("PUT", "/api/stock/ANY-SKU", List.of("admin")),
                new Endpoint("GET", "/api/stock/ANY-SKU", List.of("agent", "admin")),
                new Endpoint("GET", "/api/policy", List.of("analyst")),
                new Endpoint("GET", "/api/policies", List.of("analyst")),
                new Endpoint("POST", "/api/policies", List.of("analyst")),
                new Endpoint("GET", "/api/policies/none", List.of("analyst")),
                new Endpoint("GET", "/api/policies/none/files/claims.xlsx", List.of("analyst")),
                new Endpoint("POST", "/api/policies/none/activate", List.of("analyst")),
                new Endpoint("POST", "/api/policies/none/replay", List.of("analyst")),
                new Endpoint("PUT", "/api/policies/none/shadow", List.of("analyst")),
                new Endpoint("DELETE", "/api/policies/none/shadow", List.of("analyst")),
                new Endpoint("GET", "/api/policies/none/shadow", List.of("analyst", "accountant", "admin")),
                new Endpoint("GET", "/api/replays/rpl_none", List.of("analyst")),
                new Endpoint("POST", "/api/claim-links", List.of("shop")),
                new Endpoint("POST", "/api/claims/cl_none/cancel", List.of("shop")),
                new Endpoint("GET", "/api/claims/cl_none/audit", List.of("shop", "agent", "accountant", "admin")),
                new Endpoint("POST", "/api/reviews/cl_none/approve", List.of("agent")),
                new Endpoint("POST", "/api/reviews/cl_none/take", List.of("agent")),
                new Endpoint("POST", "/api/reviews/cl_none/release", List.of("agent")),
                new Endpoint("GET", "/api/reviews/resolutions", List.of("agent", "analyst")),
                new Endpoint("GET", "/api/automation", List.of("agent", "analyst", "accountant", "admin")),
                new Endpoint("POST", "/api/automation/pause", List.of("admin")),
                new Endpoint("POST", "/api/automation/resume", List.of("admin")),
                new Endpoint("PUT", "/api/automation/budgets/EUX", List.of("admin")),
                new Endpoint("GET", "/api/blocklist", List.of("admin")),
                new Endpoint("POST", "/api/blocklist", List.of("admin")),
                new Endpoint("DELETE", "/api/blocklist/0", List.of("admin")),
                new Endpoint("GET", "/api/sandbox/calls", List.of("admin", "agent", "analyst")),
                new Endpoint("POST", "/api/customers/nobody/erase", List.of("admin")),
                new Endpoint("GET", "/api/claims/cl_none/messages", List.of("shop", "agent", "admin")),
                new Endpoint("POST", "/api/messages/preview", List.of("analyst")),
                new Endpoint("GET", "/api/messages/templates", List.of("analyst")),
                new Endpoint("GET", "/api/actions", List.of("admin")),
                new Endpoint("POST", "/api/actions/0/retry", List.of("admin")),
                new Endpoint("GET", "/api/event-subscriptions", List.of("admin")),
                new Endpoint("POST", "/api/event-subscriptions", List.of("admin")),
                new Endpoint("GET", "/api/event-subscriptions/es_none", List.of("admin")),
                new Endpoint("DELETE", "/api/event-subscriptions/es_none", List.of("admin")),
                new Endpoint("POST", "/api/event-subscriptions/es_none/rotate-secret", List.of("admin")),
                new Endpoint("GET", "/api/event-subscriptions/es_none/deliveries", List.of("admin")),
                new Endpoint("GET", "/api/webhooks/deliveries", List.of("admin")),
                new Endpoint("POST", "/api/webhooks/deliveries/0/retry", List.of("admin")),
                new Endpoint("GET", "/api/orders/order-none", List.of("agent", "accountant", "admin")),
                new Endpoint("PUT", "/api/orders/order-none", List.of("admin")),
                new Endpoint("POST", "/api/claims/cl_none/csat", List.of("shop")),
                new Endpoint("POST", "/api/claims/cl_none/feedback", List.of("agent", "analyst")),
                new Endpoint("GET", "/api/credit-notes", List.of("accountant", "admin")),
                new Endpoint("GET", "/api/credit-notes/AV-1999-000000", List.of("accountant", "admin")),
                new Endpoint("GET", "/api/credit-notes/AV-1999-000000.pdf", List.of("accountant", "admin")));
    }

    static Stream<Arguments> endpointsAndRoles() {
        return endpoints().flatMap(endpoint -> ROLES.stream().map(role -> Arguments.of(endpoint, role)));
    }

    @ParameterizedTest(name = "{0} without a key")
    @MethodSource("endpoints")
    void missingKeyGets401(Endpoint endpoint) {
        send(given().contentType(ContentType.JSON), endpoint).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest(name = "{0} with an unknown key")
    @MethodSource("endpoints")
    void unknownKeyGets401(Endpoint endpoint) {
        send(given().header("Authorization", "Bearer not-a-real-key").contentType(ContentType.JSON), endpoint).then()
                .statusCode(401);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndRoles")
    void onlyTheAllowedRolesGetThrough(Endpoint endpoint, String role) {
        var response = send(given().header("Authorization", "Bearer demo-" + role + "-key").contentType(ContentType.JSON), endpoint)
                .then();
        if (endpoint.allowed().contains(role)) {
            response.statusCode(not(oneOf(401, 403)));
            if (endpoint.path().equals("/api/automation/pause")) {
                // The kill switch really flipped: leave automation running for the other tests.
                given().header("Authorization", "Bearer demo-admin-key").post("/api/automation/resume").then().statusCode(200);
            }
        } else {
            response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
    }

    /** Every resource method of the service says who may call it, on itself or on its class. */
    @Test
    void everyResourceMethodDeclaresWhoMayCallIt() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.claimpilot");
        List<String> resourceMethods = new ArrayList<>();
        List<String> unannotated = new ArrayList<>();
        for (JavaClass type : classes) {
            if (!type.isAnnotatedWith(jakarta.ws.rs.Path.class) || type.isInterface()) {
                continue; // REST clients are interfaces: they call out, they serve nothing
            }
            for (JavaMethod method : type.getMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotatedWith)) {
                    continue;
                }
                resourceMethods.add(type.getSimpleName() + "." + method.getName());
                if (SECURITY_ANNOTATIONS.stream().noneMatch(a -> method.isAnnotatedWith(a) || type.isAnnotatedWith(a))) {
                    unannotated.add(type.getName() + "." + method.getName());
                }
            }
        }
        assertThat(resourceMethods).as("the scan found the resources").hasSizeGreaterThan(50)
                .contains("WebhookResource.stripe", "HomePage.login", "ClaimResource.submit");
        assertThat(unannotated).as("resource methods with no @RolesAllowed, @Authenticated, @PermitAll or @DenyAll").isEmpty();
    }

    /** One forgotten annotation does not open an endpoint: deny-unannotated-endpoints refuses it (test-only probe). */
    @Test
    void anEndpointWithoutARoleAnnotationIsRefused() {
        given().get("/api/unannotated-probe").then().statusCode(401).body(not(containsString(UnannotatedProbeResource.SECRET)));
        for (String role : ROLES) {
            given().header("Authorization", "Bearer demo-" + role + "-key").get("/api/unannotated-probe").then()
                    .statusCode(403).body(not(containsString(UnannotatedProbeResource.SECRET)));
        }
        given().header("Authorization", "Bearer demo-admin-key").contentType(ContentType.JSON).body(Map.of())
                .post("/api/unannotated-probe").then().statusCode(403);
        given().redirects().follow(false).get("/unannotated-probe").then()
                .statusCode(oneOf(302, 401)).body(not(containsString(UnannotatedProbeResource.SECRET)));
        given().redirects().follow(false).cookies(ConsoleSession.signIn("admin")).get("/unannotated-probe").then()
                .statusCode(403).body(not(containsString(UnannotatedProbeResource.SECRET)));
    }

    private static io.restassured.response.Response send(RequestSpecification request, Endpoint endpoint) {
        boolean upload = endpoint.method().equals("POST")
                && (endpoint.path().equals("/api/policies") || endpoint.path().endsWith("/photos"));
        RequestSpecification withBody = endpoint.method().equals("GET") || endpoint.method().equals("DELETE") ? request
                : upload ? request.contentType("multipart/form-data").multiPart("comment", "access test")
                : request.body(Map.of());
        return withBody.request(endpoint.method(), endpoint.path());
    }
}
