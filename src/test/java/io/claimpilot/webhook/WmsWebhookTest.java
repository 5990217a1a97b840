package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The warehouse's RETURN_SCANNED event: signed like Stripe, checked at the door, a RETURN_SCANNED claim once. */
@QuarkusTest
class WmsWebhookTest {

    static final String SECRET = "test-only-wms-webhook-secret";

    @Inject
    WebhookProcessor processor;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Test
    void aScannedReturnBecomesOneReturnScannedClaimThatIsReshippedWhenInStock() {
        String sku = "SKU-" + unique();
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        String eventId = "scan-" + unique();
        String orderId = "order-" + unique();
        String body = event(eventId, orderId, sku);

        send(body, sign(body)).statusCode(202).body("status", equalTo("queued"));
        processor.processDue();
        send(body, sign(body)).statusCode(200).body("status", equalTo("duplicate"));
        processor.processDue();

        assertThat(db.count("select count(*) from claim where order_id = ? and caller = 'wms' and external_id = ?"
                + " and reason = 'RETURN_SCANNED' and status = 'RESHIP_APPROVED'", orderId, "wms-return-" + eventId)).isEqualTo(1);
        assertThat(db.count("select count(*) from claim where order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() {
        String eventId = "scan-" + unique();
        String body = event(eventId, "order-" + unique(), "MUG-01");

        send(body, WebhookSignatures.timestampedHeader(bytes(body), "not-the-secret", clock.instant())).statusCode(401)
                .contentType("application/problem+json");
        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant().minusSeconds(600))).statusCode(401);
        given().contentType("application/json").body(body).post("/webhooks/wms").then().statusCode(401);

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?", eventId)).isZero();
    }

    @Test
    void anEventTheIntakeCannotUseIsRefusedNamingTheFieldAndNothingIsStored() {
        String eventId = "scan-" + unique();
        String noCustomer = event(eventId, "order-" + unique(), "MUG-01").replace("\"id\":\"c-", "\"id\":\"\",\"x\":\"");
        send(noCustomer, sign(noCustomer)).statusCode(400).body("field", equalTo("customer.id"));

        String wrongType = event(eventId, "order-" + unique(), "MUG-01").replace("RETURN_SCANNED", "PARCEL_LOST");
        send(wrongType, sign(wrongType)).statusCode(400).body("field", equalTo("type"));

        String badQuantity = event(eventId, "order-" + unique(), "MUG-01").replace("\"quantity\":1", "\"quantity\":\"one\"");
        send(badQuantity, sign(badQuantity)).statusCode(400).body("field", equalTo("items[0].quantity"));

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?", eventId)).isZero();
    }

    private String sign(String body) {
        return WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant());
    }

    private static String event(String eventId, String orderId, String sku) {
        String customer = unique();
        return """
                {"eventId":"%s","type":"RETURN_SCANNED","scannedAt":"2026-11-25T14:02:00Z","orderId":"%s",
                 "customer":{"id":"c-%s","email":"r%s@example.com","locale":"en"},
                 "amount":{"amount":"24.50","currency":"EUR"},
                 "items":[{"sku":"%s","quantity":1,"unitPrice":{"amount":"24.50","currency":"EUR"}}],
                 "order":{"fulfillment":"DELIVERED","totalPaid":{"amount":"24.50","currency":"EUR"},
                          "paymentReference":"pi_456","placedAt":"2026-11-10T09:30:00Z"}}"""
                .formatted(eventId, orderId, customer, customer, sku);
    }

    private static ValidatableResponse send(String body, String signature) {
        return given().header("X-WMS-Signature", signature).contentType("application/json").body(bytes(body))
                .post("/webhooks/wms").then();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
