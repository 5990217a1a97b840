package io.claimpilot.event;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** {@code /api/event-subscriptions}: admins only, validated, and the secret shown once (at creation and rotation). */
@QuarkusTest
class EventSubscriptionsApiTest {

    /** Standard Webhooks' secret: whsec_ and the base64 of 32 random bytes (44 characters). */
    private static final String SECRET = "whsec_[A-Za-z0-9+/]{43}=";

    @Inject
    Db db;

    @BeforeEach
    @AfterEach
    void noSubscriptionsLeft() {
        // Subscriptions are global: one left behind would add events to every other test's claims.
        OutboundEventsTest.deleteAllSubscriptions();
    }

    @Test
    void anAdminSubscribesReadsListsRotatesAndDeletesAndTheSecretIsShownOnlyOnce() {
        var created = as(ADMIN).contentType(ContentType.JSON).body(Map.of(
                        "url", "https://hooks.zapier.com/hooks/catch/123/abc/",
                        "events", List.of("claim.decided", "claim.completed"),
                        "description", "Zapier: tell the warehouse team"))
                .post("/api/event-subscriptions").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/event-subscriptions/es_[0-9a-f]{32}"))
                .body("secret", matchesPattern(SECRET))
                .body("url", equalTo("https://hooks.zapier.com/hooks/catch/123/abc/"))
                .body("events", equalTo(List.of("claim.decided", "claim.completed")))
                .body("includePersonalData", equalTo(false))
                .body("createdBy", equalTo("admin"))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");

        as(ADMIN).get("/api/event-subscriptions/" + id).then().statusCode(200)
                .body("description", equalTo("Zapier: tell the warehouse team")).body("$", not(hasKey("secret")));
        String list = as(ADMIN).get("/api/event-subscriptions").then().statusCode(200)
                .body("id", equalTo(List.of(id))).extract().asString();
        assertThat(list).doesNotContain(secret).doesNotContain("\"secret\"");
        // Stored encrypted: neither the secret nor its key bytes are in the row.
        assertThat(db.strings("select secret_ciphertext from event_subscription where id = ?", id))
                .singleElement().asString().startsWith("v1:").doesNotContain(secret.substring(6, 30));

        String rotated = as(ADMIN).post("/api/event-subscriptions/" + id + "/rotate-secret").then().statusCode(200)
                .body("id", equalTo(id)).body("secret", matchesPattern(SECRET)).body("secretRotatedAt", not(equalTo(null)))
                .extract().path("secret");
        assertThat(rotated).isNotEqualTo(secret);
        as(ADMIN).get("/api/event-subscriptions/" + id).then().statusCode(200).body("$", not(hasKey("secret")));
        as(ADMIN).get("/api/event-subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("items", equalTo(List.of())).body("total", equalTo(0));

        as(ADMIN).delete("/api/event-subscriptions/" + id).then().statusCode(204);
        as(ADMIN).get("/api/event-subscriptions/" + id).then().statusCode(404);
        as(ADMIN).delete("/api/event-subscriptions/" + id).then().statusCode(404);
        as(ADMIN).post("/api/event-subscriptions/" + id + "/rotate-secret").then().statusCode(404);
        as(ADMIN).get("/api/event-subscriptions/" + id + "/deliveries").then().statusCode(404);
    }

    @Test
    void onlyAdminsMaySubscribeOrReadSubscriptions() {
        var body = Map.of("url", "https://hooks.zapier.com/hooks/catch/1/x/", "events", List.of("claim.created"));
        for (String key : List.of(SHOP, AGENT, ANALYST, ACCOUNTANT)) {
            as(key).contentType(ContentType.JSON).body(body).post("/api/event-subscriptions").then().statusCode(403);
            as(key).get("/api/event-subscriptions").then().statusCode(403);
        }
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/event-subscriptions")
                .then().statusCode(401);
        assertThat(db.count("select count(*) from event_subscription")).isZero();
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingTheFieldAndNothingIsStored() {
        refused(Map.of("events", List.of("claim.created")), "url");
        refused(Map.of("url", "ftp://hooks.example.com/x", "events", List.of("claim.created")), "url");
        refused(Map.of("url", "https://user:password@hooks.zapier.com/x", "events", List.of("claim.created")), "url");
        refused(Map.of("url", "https://hooks.zapier.com/" + "x".repeat(2000), "events", List.of("claim.created")), "url");
        refused(Map.of("url", "https://hooks.zapier.com/x"), "events");
        refused(Map.of("url", "https://hooks.zapier.com/x", "events", List.of()), "events");
        refused(Map.of("url", "https://hooks.zapier.com/x", "events", List.of("claim.decided", "claim.refunded")), "events[1]");
        refused(Map.of("url", "https://hooks.zapier.com/x", "events", List.of("claim.decided"), "description", "d".repeat(501)),
                "description");
        assertThat(db.count("select count(*) from event_subscription")).isZero();
    }

    private static void refused(Map<String, Object> body, String field) {
        as(ADMIN).contentType(ContentType.JSON).body(body).post("/api/event-subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }
}
