package io.claimpilot.security;

import io.claimpilot.claim.Claim;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.webhook.WebhookProcessor;
import io.claimpilot.webhook.WebhookSignatures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Claims belong to a key's caller id, never to its free-text owner; webhooks' callers belong to no key. */
@QuarkusTest
class CallerSeparationTest {

    @Inject
    Db db;
    @Inject
    WebhookProcessor processor;
    @Inject
    MutableClock clock;

    private static Map<String, Object> shopKey(String owner, String callerId) {
        Map<String, Object> body = new HashMap<>(Map.of("owner", owner, "role", "shop"));
        if (callerId != null) {
            body.put("callerId", callerId);
        }
        return as(ADMIN).body(body).post("/api/keys").then().statusCode(201).extract().as(Map.class);
    }

    private static String submit(String key) {
        return as(key).body(claim("NOT_RECEIVED", "20.00").orderId(uniqueId("order")).map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void twoShopKeysWithTheSameOwnerTextCannotSeeEachOthersClaims() {
        String owner = "Acme shop " + UUID.randomUUID();
        Map<String, Object> first = shopKey(owner, null);
        Map<String, Object> second = shopKey(owner, null);
        assertThat(first.get("callerId")).isNotEqualTo(second.get("callerId"));
        String firstSecret = (String) first.get("secret");
        String secondSecret = (String) second.get("secret");

        String id = submit(firstSecret);

        as(firstSecret).get("/api/claims/" + id).then().statusCode(200);
        as(secondSecret).get("/api/claims/" + id).then().statusCode(404);
        as(secondSecret).get("/api/claims/" + id + "/audit").then().statusCode(404);
        as(secondSecret).get("/api/claims/" + id + "/messages").then().statusCode(404);
        as(secondSecret).body(Map.of("reason", "not mine")).post("/api/claims/" + id + "/cancel").then().statusCode(404);
        assertThat(db.count("select count(*) from claim where id = ?1 and caller = ?2", id, first.get("callerId"))).isEqualTo(1);
    }

    @Test
    void aRotatedKeyKeepsItsCallersClaimsAndAGivenCallerIdIsTakenOnce() {
        String callerId = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> key = shopKey("Acme backend", callerId);
        assertThat(key.get("callerId")).isEqualTo(callerId);
        String id = submit((String) key.get("secret"));

        String rotated = as(ADMIN).post("/api/keys/" + key.get("id") + "/rotate").then().statusCode(201)
                .body("callerId", equalTo(callerId)).body("id", not(equalTo(key.get("id")))).extract().path("secret");
        as(rotated).get("/api/claims/" + id).then().statusCode(200);

        long keys = db.count("select count(*) from api_key");
        as(ADMIN).body(Map.of("owner", "Someone else", "role", "shop", "callerId", callerId)).post("/api/keys").then()
                .statusCode(409).contentType("application/problem+json").body("field", equalTo("callerId"));
        assertThat(db.count("select count(*) from api_key")).isEqualTo(keys);
    }

    @Test
    void aKeyNamedLikeAWebhookIsRefused() {
        long keys = db.count("select count(*) from api_key");
        for (String name : new String[] {"shopify", "stripe", "shipstation", "wms", "Shopify"}) {
            as(ADMIN).body(Map.of("owner", "Shop backend", "role", "shop", "callerId", name)).post("/api/keys").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo("callerId"));
            as(ADMIN).body(Map.of("owner", name, "role", "shop")).post("/api/keys").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo("owner"));
        }
        assertThat(db.count("select count(*) from api_key")).isEqualTo(keys);
        assertThat(db.count("select count(*) from api_caller where lower(id) in ('shopify', 'stripe', 'shipstation', 'wms')")).isZero();
    }

    @Test
    void aWebhookCreatedClaimIsNotVisibleToAShopKey() {
        String orderId = "order-" + UUID.randomUUID();
        String eventId = "scan-" + UUID.randomUUID();
        String body = """
                {"eventId":"%s","type":"RETURN_SCANNED","scannedAt":"2026-11-25T14:02:00Z","orderId":"%s",
                 "customer":{"id":"c-sep","email":"sep@example.com","locale":"en"},
                 "amount":{"amount":"24.50","currency":"EUR"},
                 "items":[{"sku":"MUG-01","quantity":1,"unitPrice":{"amount":"24.50","currency":"EUR"}}],
                 "order":{"fulfillment":"DELIVERED","totalPaid":{"amount":"24.50","currency":"EUR"},
                          "paymentReference":"pi_456","placedAt":"2026-11-10T09:30:00Z"}}""".formatted(eventId, orderId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().header("X-WMS-Signature", WebhookSignatures.timestampedHeader(bytes, "test-only-wms-webhook-secret", clock.instant()))
                .contentType("application/json").body(bytes).post("/webhooks/wms").then().statusCode(202);
        processor.processDue();
        String id = QuarkusTransaction.requiringNew().call(() -> Claim.<Claim>find("orderId", orderId).firstResult().id);

        as(SHOP).get("/api/claims/" + id).then().statusCode(404);
        Map<String, Object> fresh = shopKey("Warehouse-like shop", null);
        assertThat((String) fresh.get("callerId")).startsWith("shop-");
        as((String) fresh.get("secret")).get("/api/claims/" + id).then().statusCode(404);
        as(AGENT).get("/api/claims/" + id).then().statusCode(200).body("id", startsWith("cl"));
    }
}
