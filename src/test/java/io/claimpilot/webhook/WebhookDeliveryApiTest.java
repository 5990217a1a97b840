package io.claimpilot.webhook;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.webhook.ShopifyWebhookTest.SECRET;
import static io.claimpilot.webhook.ShopifyWebhookTest.order;
import static io.claimpilot.webhook.ShopifyWebhookTest.orderId;
import static io.claimpilot.webhook.ShopifyWebhookTest.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/** Admins see failed deliveries (never their bodies) and send one round again. */
@QuarkusTest
class WebhookDeliveryApiTest {

    @Inject
    WebhookProcessor processor;

    @Test
    void aFailedDeliveryIsListedWithItsErrorAndCanBeRetriedOnce() {
        String delivery = UUID.randomUUID().toString();
        send("orders/cancelled", delivery, order(orderId(), "paid", "null", "[]", "[]").replace("\"EUR\"", "\"EURO\""), SECRET)
                .statusCode(202);
        processor.processDue();

        as(ADMIN).get("/api/webhooks/deliveries?status=FAILED&provider=shopify&size=100").then().statusCode(200)
                .body("items.deliveryId", hasItem(delivery))
                .body("items.find { it.deliveryId == '" + delivery + "' }.lastError", startsWith("Refused by the intake"))
                .body("items.find { it.deliveryId == '" + delivery + "' }.attempts", equalTo(1))
                .body("items.find { it.deliveryId == '" + delivery + "' }", not(hasKey("body")));
        long id = as(ADMIN).get("/api/webhooks/deliveries?status=FAILED&provider=shopify&size=100").then()
                .extract().<Number>path("items.find { it.deliveryId == '" + delivery + "' }.id").longValue();

        as(ADMIN).post("/api/webhooks/deliveries/" + id + "/retry").then().statusCode(200).body("status", equalTo("PENDING"));
        as(ADMIN).post("/api/webhooks/deliveries/" + id + "/retry").then().statusCode(409);
        processor.processDue();
        as(ADMIN).get("/api/webhooks/deliveries?status=FAILED&provider=shopify&size=100").then()
                .body("items.find { it.deliveryId == '" + delivery + "' }.attempts", equalTo(2));
    }

    @Test
    void badQueriesAndUnknownDeliveriesAreProblems() {
        as(ADMIN).get("/api/webhooks/deliveries?status=LOST").then().statusCode(400).body("field", equalTo("status"));
        as(ADMIN).get("/api/webhooks/deliveries?size=101").then().statusCode(400).body("field", equalTo("size"));
        as(ADMIN).post("/api/webhooks/deliveries/999999999/retry").then().statusCode(404);
    }
}
