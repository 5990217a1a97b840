package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.connector.shopify.ShopifyOrders;
import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.claimpilot.support.LogCapture;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify's own published payloads (src/test/resources/providers/shopify, each with its SOURCE note), signed as Shopify
 * signs them (base64 HMAC-SHA256 of the raw body), through verification, storage, processing and their effect. Only the
 * ids are replaced, so each test has an order of its own in the shared database.
 */
@QuarkusTest
class ShopifyPublishedPayloadsTest {

    /** The ids in the published samples, replaced by unique ones per test. */
    static final String SAMPLE_ORDER = "820982911946154508";
    static final String SAMPLE_REFUND = "890088186047892319";
    static final String SAMPLE_RETURN = "123134564567890";
    static final String SAMPLE_RETURN_ORDER = "4783296544821";
    static final String SAMPLE_READ_ORDER = "450789469";
    /** The version of the published samples: not the one ClaimPilot targets. */
    static final String SAMPLE_VERSION = "2025-01";

    @Inject
    WebhookProcessor processor;
    @Inject
    Db db;

    @Test
    void thePublishedRefundWhoseTransactionsHaveNoCurrencyIsRecordedInTheShopCurrencyAndLowersTheBalance() {
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String delivery = UUID.randomUUID().toString();
        send("refunds/create", delivery, refund(orderId, String.valueOf(ShopifyWebhookTest.orderId()))).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'"
                + " and outcome like 'Recorded refund % of 85.00 USD on order " + orderId + "'", delivery)).isEqualTo(1);
        // The two successful refund transactions, 75.00 + 10.00, in the currency of the refund's shop_money fields.
        assertThat(db.count("select count(*) from external_refund where order_id = ? and amount = 85.00 and currency = 'USD'"
                + " and claim_id is null", orderId)).isEqualTo(1);
        as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "50.00").orderId(orderId).totalPaid("100.00").currency("USD").map())
                .post("/api/claims").then().statusCode(201)
                .body("facts.refundableBalance", org.hamcrest.Matchers.equalTo("15.00"));
    }

    @Test
    void aRefundThatSaysNoCurrencyAnywhereTakesTheOrdersPinnedCurrencyOrFailsAtOnceWithTheReason() {
        // Our edge case: the published refund without its line items and duties, so no shop money names a currency.
        String known = String.valueOf(ShopifyWebhookTest.orderId());
        as(SHOP).body(Api.claim("DAMAGED", "10.00").orderId(known).totalPaid("100.00").map()).post("/api/claims").then().statusCode(201);
        String unknown = String.valueOf(ShopifyWebhookTest.orderId());
        String failed = UUID.randomUUID().toString();

        send("refunds/create", UUID.randomUUID().toString(), withoutShopMoney(refund(known, String.valueOf(ShopifyWebhookTest.orderId()))))
                .statusCode(202);
        send("refunds/create", failed, withoutShopMoney(refund(unknown, String.valueOf(ShopifyWebhookTest.orderId())))).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from external_refund where order_id = ? and amount = 85.00 and currency = 'EUR'", known))
                .as("the currency the order's first claim pinned").isEqualTo(1);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'FAILED' and attempts = 1"
                + " and last_error like '%has no currency, and order " + unknown + " is not known to ClaimPilot'", failed)).isEqualTo(1);
    }

    @Test
    void aCancelledOrderCarryingThePublishedRefundRecordsItAndClaimsOnlyTheRest() {
        // Our edge case, built from two published payloads: the sample order, captured (paid) and partly refunded by
        // the sample refund, whose transactions have no currency. The order's own currency is USD as well.
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        ObjectNode order = (ObjectNode) Json.read(bytes(sampleOrder(orderId)));
        order.put("financial_status", "partially_refunded");
        order.putArray("refunds").add(Json.read(bytes(refund(orderId, String.valueOf(ShopifyWebhookTest.orderId())))));
        String delivery = UUID.randomUUID().toString();

        send("orders/cancelled", delivery, order.toString()).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from external_refund where order_id = ? and amount = 85.00 and currency = 'USD'",
                orderId)).isEqualTo(1);
        // 388.00 paid, 85.00 refunded while cancelling: 303.00 left to claim.
        assertThat(db.count("select count(*) from claim where order_id = ? and reason = 'ORDER_CANCELLED_BEFORE_SHIPMENT'"
                + " and amount = 303.00 and currency = 'USD'", orderId)).isEqualTo(1);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'", delivery))
                .isEqualTo(1);
    }

    @Test
    void thePublishedCancelledOrderIsVoidedSoNoClaimIsMade() {
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String delivery = UUID.randomUUID().toString();
        send("orders/cancelled", delivery, sampleOrder(orderId)).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'"
                + " and outcome = 'Order " + orderId + " is voided: no payment was captured, nothing to refund'", delivery))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from claim where order_id = ?", orderId)).isZero();
    }

    @Test
    void thePublishedReturnRequestHasNoLinesSoItEndsWithNoClaimAndNoAdminApiCall() {
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String returnId = String.valueOf(ShopifyWebhookTest.orderId());
        String delivery = UUID.randomUUID().toString();
        send("returns/request", delivery, emptyReturn(returnId, orderId)).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'"
                + " and outcome = 'Return " + returnId + " has no lines: no claim'", delivery)).isEqualTo(1);
        assertThat(db.count("select count(*) from claim where order_id = ?", orderId)).isZero();
        assertThat(ProviderFakes.client().find(getRequestedFor(urlPathEqualTo("/admin/api/2026-01/orders/" + orderId + ".json"))))
                .as("no lines, no Admin API call").isEmpty();
    }

    @Test
    void aReturnOfALineOfThePublishedOrderReadBecomesAClaimAtThatLinesPrice() {
        // Our edge case: the published return, with one line of the published order read (the red iPod, 199.00).
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String returnId = String.valueOf(ShopifyWebhookTest.orderId());
        ProviderFakes.client().register(get(urlPathEqualTo("/admin/api/2026-01/orders/" + orderId + ".json"))
                .withHeader("X-Shopify-Access-Token", equalTo("test-only-shopify-access-token"))
                .willReturn(okJson(adminOrder(orderId))));
        String delivery = UUID.randomUUID().toString();

        send("returns/request", delivery, returnOf(returnId, orderId, "518995019", "DEFECTIVE")).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from claim where order_id = ? and external_id = ? and reason = 'DAMAGED'"
                        + " and amount = 199.00 and currency = 'USD' and fulfillment = 'DELIVERED'",
                orderId, "shopify-return-" + returnId + "-DAMAGED")).isEqualTo(1);
        assertThat(ProviderFakes.client().find(getRequestedFor(urlPathEqualTo("/admin/api/2026-01/orders/" + orderId + ".json"))))
                .hasSize(1);
    }

    @Test
    void theSameEventDeliveredAgainUnderANewWebhookIdIsStoredAndProcessedOnce() {
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String body = refund(orderId, String.valueOf(ShopifyWebhookTest.orderId()));
        String event = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        send("refunds/create", first, event, SAMPLE_VERSION, body).statusCode(202);
        // A second subscription, or Shopify's retry under a new webhook id: the same X-Shopify-Event-Id.
        send("refunds/create", second, event, SAMPLE_VERSION, body).statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("duplicate"));
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id in (?, ?)", first, second)).isEqualTo(1);
        // The delivery list says it came twice.
        as(ADMIN).get("/api/webhooks/deliveries?provider=shopify&size=100").then().statusCode(200)
                .body("items.find { it.deliveryId == '" + first + "' }.eventId", org.hamcrest.Matchers.equalTo(event))
                .body("items.find { it.deliveryId == '" + first + "' }.duplicates", org.hamcrest.Matchers.equalTo(1));
        assertThat(db.count("select count(*) from external_refund where order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void aReturnThatNeedsTheAdminApiFailsAtOnceWithTheReasonWhenShopifyIsNotConfigured() {
        QuarkusMock.installMockForType(new UnconfiguredShopify(), ShopifyOrders.class);
        String orderId = String.valueOf(ShopifyWebhookTest.orderId());
        String returnId = String.valueOf(ShopifyWebhookTest.orderId());
        String needsOrder = UUID.randomUUID().toString();
        String noLines = UUID.randomUUID().toString();

        send("returns/request", needsOrder, returnOf(returnId, orderId, "518995019", "DEFECTIVE")).statusCode(202);
        send("returns/request", noLines, emptyReturn(String.valueOf(ShopifyWebhookTest.orderId()), orderId)).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'FAILED' and attempts = 1"
                + " and last_error like '%CLAIMPILOT_SHOPIFY_ACCESS_TOKEN%'", needsOrder)).as("no retry with backoff").isEqualTo(1);
        // An empty return needs no Admin API: it ends as it would with Shopify configured.
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'"
                + " and outcome like '%has no lines: no claim'", noLines)).isEqualTo(1);
        assertThat(db.count("select count(*) from claim where order_id = ?", orderId)).isZero();
    }

    @Test
    void aDeliveryInAnotherApiVersionThanTheTargetedOneIsLoggedOncePerVersion() {
        List<String> warnings;
        try (LogCapture capture = LogCapture.of(ShopifyApiVersions.class, Level.WARNING)) {
            // A version no other test sends, so this test sees its first delivery.
            String unusual = "2024-04";
            for (int i = 0; i < 2; i++) {
                send("refunds/create", UUID.randomUUID().toString(), UUID.randomUUID().toString(), unusual,
                        refund(String.valueOf(ShopifyWebhookTest.orderId()), String.valueOf(ShopifyWebhookTest.orderId())))
                        .statusCode(202);
            }
            send("refunds/create", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "2026-01",
                    refund(String.valueOf(ShopifyWebhookTest.orderId()), String.valueOf(ShopifyWebhookTest.orderId())))
                    .statusCode(202);
            warnings = capture.messages();
        }

        assertThat(warnings).singleElement().asString().contains("2024-04").contains("2026-01");
    }

    // --- the published payloads, with this test's ids --------------------------------------------------------------

    static String refund(String orderId, String refundId) {
        return ProviderFixtures.text("shopify", "refunds_create.json")
                .replace(SAMPLE_ORDER, orderId).replace(SAMPLE_REFUND, refundId);
    }

    static String withoutShopMoney(String refund) {
        ObjectNode node = (ObjectNode) Json.read(bytes(refund));
        node.putArray("refund_line_items");
        node.remove("total_duties_set");
        return node.toString();
    }

    static String sampleOrder(String orderId) {
        return ProviderFixtures.text("shopify", "orders_cancelled.json").replace(SAMPLE_ORDER, orderId);
    }

    static String emptyReturn(String returnId, String orderId) {
        return ProviderFixtures.text("shopify", "returns_request.json")
                .replace(SAMPLE_RETURN, returnId).replace(SAMPLE_RETURN_ORDER, orderId);
    }

    static String adminOrder(String orderId) {
        return ProviderFixtures.text("shopify", "admin_order.json").replace(SAMPLE_READ_ORDER, orderId);
    }

    /** The published return with one line added, in the shape of Shopify's return line items. */
    static String returnOf(String returnId, String orderId, String lineItemId, String reason) {
        ObjectNode request = (ObjectNode) Json.read(bytes(emptyReturn(returnId, orderId)));
        ObjectNode line = request.withArray("return_line_items").addObject();
        line.put("id", 1001).put("admin_graphql_api_id", "gid://shopify/ReturnLineItem/1001");
        line.putObject("fulfillment_line_item").put("id", 2001)
                .putObject("line_item").put("id", Long.parseLong(lineItemId))
                .put("admin_graphql_api_id", "gid://shopify/LineItem/" + lineItemId);
        line.put("quantity", 1).put("return_reason", reason).put("return_reason_note", "").putNull("customer_note");
        request.put("total_return_line_items", 1);
        return request.toString();
    }

    static ValidatableResponse send(String topic, String webhookId, String body) {
        return send(topic, webhookId, UUID.randomUUID().toString(), SAMPLE_VERSION, body);
    }

    /** As Shopify sends it: the HMAC of the raw body, base64, and Shopify's headers. */
    static ValidatableResponse send(String topic, String webhookId, String eventId, String apiVersion, String body) {
        return given().header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(bytes(body), ShopifyWebhookTest.SECRET))
                .header("X-Shopify-Topic", topic).header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Event-Id", eventId).header("X-Shopify-API-Version", apiVersion)
                .header("X-Shopify-Shop-Domain", "claimpilot-test.myshopify.com")
                .header("X-Shopify-Triggered-At", "2026-11-25T10:00:00.000000000Z")
                .contentType("application/json").body(bytes(body)).post("/webhooks/shopify").then();
    }

    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Shopify without its Admin API credentials: the handler must not call it, and must say what is missing. */
    static class UnconfiguredShopify extends ShopifyOrders {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public Optional<JsonNode> order(String orderId) {
            throw new IllegalStateException("claimpilot.shopify.base-url and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN are not set");
        }
    }
}
