package io.claimpilot.webhook;

import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * Shopify webhooks with Shopify's payload shapes: the HMAC of the raw body (current and previous secret), dedupe by
 * webhook id, cancelled orders as claims through the ordinary intake, refunds made in the admin counted against the
 * refundable balance (our own refunds not twice), and return requests as claims per reason.
 */
@QuarkusTest
class ShopifyWebhookTest {

    static final String SECRET = "test-only-shopify-webhook-secret";
    static final String PREVIOUS_SECRET = "test-only-shopify-webhook-secret-before-rotation";
    private static final String BALANCE_RULE = "Guard rail: claim above the order's refundable balance";

    @Inject
    WebhookProcessor processor;
    @Inject
    Db db;

    @Test
    void anOrderCancelledBeforeShipmentBecomesExactlyOneClaim() {
        long orderId = orderId();
        String body = order(orderId, "paid", "null", "[]", "[]");
        String webhookId = UUID.randomUUID().toString();

        send("orders/cancelled", webhookId, body, SECRET).statusCode(202);
        assertThat(claims(orderId)).as("queued, not decided inline").isZero();
        processor.processDue();

        assertThat(db.count("select count(*) from claim where order_id = ? and caller = 'shopify' and external_id = ?"
                + " and reason = 'ORDER_CANCELLED_BEFORE_SHIPMENT' and status = 'REFUND_APPROVED' and amount = 89.90"
                + " and order_total_paid = 89.90 and fulfillment = 'UNFULFILLED' and customer_locale = 'fr'",
                String.valueOf(orderId), "shopify-order-cancelled-" + orderId)).isEqualTo(1);

        // Shopify retries with the same webhook id: 200 and nothing more.
        send("orders/cancelled", webhookId, body, SECRET).statusCode(200);
        // A second subscription delivers the same event under another id: processed, but the externalId finds the claim.
        send("orders/cancelled", UUID.randomUUID().toString(), body, SECRET).statusCode(202);
        processor.processDue();
        assertThat(claims(orderId)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox o join claim c on c.id = o.claim_id where c.order_id = ?"
                + " and o.action = 'REFUND'", String.valueOf(orderId))).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox o join claim c on c.id = o.claim_id where c.order_id = ?"
                + " and o.action = 'NOTIFY_CUSTOMER' and o.payload->>'situation' = 'ACKNOWLEDGMENT'",
                String.valueOf(orderId))).as("one acknowledgment, however many deliveries").isEqualTo(1);
    }

    @Test
    void aWebhookClaimPinsTheOrderSoALaterClaimCannotInflateIt() {
        long orderId = orderId();
        send("orders/cancelled", UUID.randomUUID().toString(), order(orderId, "paid", "null", "[]", "[]"), SECRET).statusCode(202);
        processor.processDue();
        assertThat(db.count("select count(*) from order_record where order_id = ? and total_paid = 89.90 and currency = 'EUR'"
                + " and recorded_by = 'shopify'", String.valueOf(orderId))).isEqualTo(1);

        // The shop's backend claims the same order paid 189.90: not believed, a person looks at it.
        as(SHOP).body(Api.claim("DAMAGED", "50.00").orderId(String.valueOf(orderId)).totalPaid("189.90").paymentReference(null).map())
                .post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("IN_REVIEW"))
                .body("decision.reasons[0]", org.hamcrest.Matchers.equalTo("the claim's order total 189.90 EUR differs from the"
                        + " 89.90 EUR first recorded for order " + orderId))
                .body("facts.refundableBalance", org.hamcrest.Matchers.equalTo("0.00"));
    }

    @Test
    void thePreviousSecretIsAcceptedDuringARotationAndAnythingElseIsRefused() {
        long orderId = orderId();
        String body = order(orderId, "paid", "null", "[]", "[]");
        String refused = UUID.randomUUID().toString();

        send("orders/cancelled", refused, body, "some-other-secret").statusCode(401).contentType("application/problem+json");
        given().header("X-Shopify-Topic", "orders/cancelled").header("X-Shopify-Webhook-Id", refused)
                .body(body).post("/webhooks/shopify").then().statusCode(401);
        // Signed over different bytes (the same JSON re-serialised with a space): refused.
        given().header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(bytes(body), SECRET))
                .header("X-Shopify-Topic", "orders/cancelled").header("X-Shopify-Webhook-Id", refused)
                .body(bytes(body + " ")).post("/webhooks/shopify").then().statusCode(401);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?", refused)).isZero();

        send("orders/cancelled", UUID.randomUUID().toString(), body, PREVIOUS_SECRET).statusCode(202);
        processor.processDue();
        assertThat(claims(orderId)).isEqualTo(1);
    }

    @Test
    void aDeliveryWithoutAWebhookIdIsRefusedNamingTheHeader() {
        String body = order(orderId(), "paid", "null", "[]", "[]");
        given().header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(bytes(body), SECRET))
                .header("X-Shopify-Topic", "orders/cancelled").body(bytes(body)).post("/webhooks/shopify")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("X-Shopify-Webhook-Id"));
    }

    @Test
    void aCancelledOrderThatHadShippedOrWasNotFullyPaidMakesNoClaim() {
        long shipped = orderId();
        long voided = orderId();
        String shippedDelivery = UUID.randomUUID().toString();
        send("orders/cancelled", shippedDelivery, order(shipped, "paid", "\"fulfilled\"",
                "[{\"id\":255858046,\"order_id\":" + shipped + ",\"status\":\"success\",\"tracking_number\":\"1Z2345\"}]", "[]"), SECRET)
                .statusCode(202);
        send("orders/cancelled", UUID.randomUUID().toString(), order(voided, "voided", "null", "[]", "[]"), SECRET).statusCode(202);
        long partlyPaid = orderId();
        send("orders/cancelled", UUID.randomUUID().toString(), order(partlyPaid, "partially_paid", "null", "[]", "[]"), SECRET)
                .statusCode(202);
        processor.processDue();

        assertThat(claims(shipped)).isZero();
        assertThat(claims(voided)).isZero();
        assertThat(claims(partlyPaid)).isZero();
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE'"
                + " and outcome like '%had shipped%'", shippedDelivery)).isEqualTo(1);
    }

    @Test
    void aRefundMadeWhileCancellingIsRecordedAndOnlyTheRestIsClaimed() {
        long orderId = orderId();
        String refunds = "[" + refund(orderId, 30.00, "Partial refund by staff", "548380009") + "]";
        send("orders/cancelled", UUID.randomUUID().toString(), order(orderId, "partially_refunded", "null", "[]", refunds), SECRET)
                .statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from claim where order_id = ? and amount = 59.90 and status = 'REFUND_APPROVED'",
                String.valueOf(orderId))).isEqualTo(1);
        assertThat(db.count("select count(*) from external_refund where order_id = ? and amount = 30.00 and claim_id is null",
                String.valueOf(orderId))).isEqualTo(1);
    }

    @Test
    void aRefundMadeInTheShopifyAdminLowersTheRefundableBalance() {
        String orderId = String.valueOf(orderId());
        String refundDelivery = UUID.randomUUID().toString();
        String body = refund(Long.parseLong(orderId), 50.00, "Goodwill gesture", "548380009");
        send("refunds/create", refundDelivery, body, SECRET).statusCode(202);
        processor.processDue();
        send("refunds/create", refundDelivery, body, SECRET).statusCode(200);
        processor.processDue();
        assertThat(db.count("select count(*) from external_refund where order_id = ?", orderId)).isEqualTo(1);

        // 89.90 paid, 50.00 already refunded in the admin: a claim for all of it is above the balance.
        as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").orderId(orderId).totalPaid("89.90").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("IN_REVIEW"))
                .body("decision.rulesFired", hasItem(BALANCE_RULE))
                .body("facts.refundableBalance", org.hamcrest.Matchers.equalTo("39.90"));
        as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "39.90").orderId(orderId).totalPaid("89.90").map())
                .post("/api/claims").then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("REFUND_APPROVED"));
    }

    @Test
    void ourOwnRefundComingBackFromShopifyIsNotCountedTwice() {
        String orderId = String.valueOf(orderId());
        String first = as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").orderId(orderId).totalPaid("100.00").map())
                .post("/api/claims").then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("REFUND_APPROVED"))
                .extract().path("id");
        // The Shopify refund connector names the claim in the refund's note.
        send("refunds/create", UUID.randomUUID().toString(),
                refund(Long.parseLong(orderId), 40.00, "ClaimPilot claim " + first, null), SECRET).statusCode(202);
        processor.processDue();
        assertThat(db.count("select count(*) from external_refund where order_id = ? and claim_id = ?", orderId, first)).isEqualTo(1);

        // 100.00 - 40.00 (the claim's refund, once) leaves 60.00.
        as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "60.00").orderId(orderId).totalPaid("100.00").map())
                .post("/api/claims").then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("REFUND_APPROVED"))
                .body("facts.refundableBalance", org.hamcrest.Matchers.equalTo("60.00"));
    }

    @Test
    void aRefundByAnAppForTheApprovedAmountIsMatchedToTheClaimWithoutANote() {
        String orderId = String.valueOf(orderId());
        String claim = as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "25.00").orderId(orderId).totalPaid("100.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
        send("refunds/create", UUID.randomUUID().toString(), refund(Long.parseLong(orderId), 25.00, null, null), SECRET).statusCode(202);
        // The same amount again, by a staff member: a real second refund.
        send("refunds/create", UUID.randomUUID().toString(), refund(Long.parseLong(orderId), 25.00, null, "548380009"), SECRET).statusCode(202);
        processor.processDue();

        assertThat(db.count("select count(*) from external_refund where order_id = ? and claim_id = ?", orderId, claim)).isEqualTo(1);
        assertThat(db.count("select count(*) from external_refund where order_id = ? and claim_id is null", orderId)).isEqualTo(1);
    }

    @Test
    void aReturnRequestBecomesOneClaimPerReasonWithPricesFromTheOrder() {
        long orderId = orderId();
        long returnId = orderId();
        ProviderFakes.client().register(get(urlPathEqualTo("/admin/api/2026-01/orders/" + orderId + ".json"))
                .withHeader("X-Shopify-Access-Token", equalTo("test-only-shopify-access-token"))
                .willReturn(okJson("{\"order\":" + order(orderId, "paid", "\"fulfilled\"", "[]", "[]") + "}")));
        String body = """
                {"id":%d,"admin_graphql_api_id":"gid://shopify/Return/%d","status":"requested",
                 "order":{"id":%d,"admin_graphql_api_id":"gid://shopify/Order/%d"},
                 "total_return_line_items":2,"name":"#9999-R1",
                 "return_line_items":[
                   {"id":1001,"admin_graphql_api_id":"gid://shopify/ReturnLineItem/1001",
                    "fulfillment_line_item":{"id":2001,"admin_graphql_api_id":"gid://shopify/FulfillmentLineItem/2001",
                      "line_item":{"id":466157049,"admin_graphql_api_id":"gid://shopify/LineItem/466157049"}},
                    "quantity":1,"return_reason":"DEFECTIVE","return_reason_note":"","customer_note":"Cracked on arrival"},
                   {"id":1002,"admin_graphql_api_id":"gid://shopify/ReturnLineItem/1002",
                    "fulfillment_line_item":{"id":2002,"admin_graphql_api_id":"gid://shopify/FulfillmentLineItem/2002",
                      "line_item":{"id":518995019,"admin_graphql_api_id":"gid://shopify/LineItem/518995019"}},
                    "quantity":2,"return_reason":"SIZE_TOO_SMALL","return_reason_note":"","customer_note":null}],
                 "return_shipping_fees":[],"exchange_line_items":[],"total_exchange_line_items":0}"""
                .formatted(returnId, returnId, orderId, orderId);

        send("returns/request", UUID.randomUUID().toString(), body, SECRET).statusCode(202);
        processor.processDue();

        // The mug: 49.90 less a 9.90 discount. Damaged goods: the policy asks for a photo.
        assertThat(db.count("select count(*) from claim where order_id = ? and external_id = ? and reason = 'DAMAGED'"
                        + " and amount = 40.00 and fulfillment = 'DELIVERED' and status = 'AWAITING_EVIDENCE'",
                String.valueOf(orderId), "shopify-return-" + returnId + "-DAMAGED")).isEqualTo(1);
        // Two tea boxes at 20.00, too small: OTHER, which the default policy gives to a person.
        assertThat(db.count("select count(*) from claim where order_id = ? and external_id = ? and reason = 'OTHER'"
                        + " and amount = 40.00 and status = 'IN_REVIEW'",
                String.valueOf(orderId), "shopify-return-" + returnId + "-OTHER")).isEqualTo(1);
    }

    @Test
    void aPayloadTheIntakeRefusesFailsAtOnceInsteadOfRetrying() {
        long orderId = orderId();
        String delivery = UUID.randomUUID().toString();
        send("orders/cancelled", delivery, order(orderId, "paid", "null", "[]", "[]").replace("\"EUR\"", "\"EURO\""), SECRET)
                .statusCode(202);
        processor.processDue();

        assertThat(claims(orderId)).isZero();
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'FAILED'"
                + " and attempts = 1 and last_error like 'Refused by the intake%currency%'", delivery)).isEqualTo(1);
    }

    private long claims(long orderId) {
        return db.count("select count(*) from claim where order_id = ?", String.valueOf(orderId));
    }

    /** An order in Shopify's REST shape, with its own customer, e-mail and address (velocity counts across all three). */
    static String order(long id, String financialStatus, String fulfillmentStatus, String fulfillments, String refunds) {
        long customer = orderId();
        return """
                {"id":%d,"admin_graphql_api_id":"gid://shopify/Order/%d","app_id":null,"browser_ip":null,
                 "cancel_reason":"customer","cancelled_at":"2026-11-25T10:15:00+01:00","closed_at":null,"confirmed":true,
                 "contact_email":"c%d@example.com","created_at":"2026-11-24T09:00:00+01:00","currency":"EUR",
                 "current_total_price":"0.00","customer_locale":"fr","email":"c%d@example.com",
                 "financial_status":"%s","fulfillment_status":%s,"name":"#9999","order_number":8999,
                 "presentment_currency":"EUR","processed_at":"2026-11-24T09:00:00+01:00","subtotal_price":"89.90",
                 "total_discounts":"9.90","total_price":"89.90","total_tax":"0.00","test":false,
                 "customer":{"id":%d,"email":"c%d@example.com","first_name":"Anne","last_name":"Martin","state":"enabled",
                   "currency":"EUR","admin_graphql_api_id":"gid://shopify/Customer/%d"},
                 "line_items":[
                   {"id":466157049,"admin_graphql_api_id":"gid://shopify/LineItem/466157049","variant_id":39072856,
                    "product_id":632910392,"title":"Mug","quantity":1,"sku":"MUG-01","price":"49.90","total_discount":"0.00",
                    "fulfillable_quantity":1,"fulfillment_status":null,"requires_shipping":true,"taxable":true,
                    "discount_allocations":[{"amount":"9.90","discount_application_index":0,
                      "amount_set":{"shop_money":{"amount":"9.90","currency_code":"EUR"},"presentment_money":{"amount":"9.90","currency_code":"EUR"}}}]},
                   {"id":518995019,"admin_graphql_api_id":"gid://shopify/LineItem/518995019","variant_id":49148385,
                    "product_id":632910393,"title":"Tea box","quantity":2,"sku":"TEA-02","price":"20.00","total_discount":"0.00",
                    "fulfillable_quantity":2,"fulfillment_status":null,"requires_shipping":true,"taxable":true,
                    "discount_allocations":[]}],
                 "shipping_address":{"first_name":"Anne","address1":"%d rue de la Paix","phone":null,"city":"Paris",
                   "zip":"75002","province":null,"country":"France","last_name":"Martin","address2":null,"company":null,
                   "latitude":null,"longitude":null,"name":"Anne Martin","country_code":"FR","province_code":null},
                 "fulfillments":%s,"refunds":%s,"shipping_lines":[]}"""
                .formatted(id, id, customer, customer, financialStatus, fulfillmentStatus, customer, customer, customer,
                        customer, fulfillments, refunds);
    }

    /** A refunds/create payload; {@code userId} null means an app made it, otherwise a staff member did. */
    static String refund(long orderId, double amount, String note, String userId) {
        long id = orderId();
        String value = String.format(java.util.Locale.ROOT, "%.2f", amount);
        return """
                {"id":%d,"order_id":%d,"created_at":"2026-11-25T11:00:00+01:00","note":%s,"user_id":%s,
                 "processed_at":"2026-11-25T11:00:00+01:00","restock":false,"duties":[],"total_duties_set":null,
                 "return":null,"admin_graphql_api_id":"gid://shopify/Refund/%d","refund_line_items":[],
                 "transactions":[{"id":%d,"order_id":%d,"kind":"refund","gateway":"shopify_payments","status":"success",
                   "message":null,"created_at":"2026-11-25T11:00:00+01:00","test":false,"authorization":null,
                   "parent_id":1072844680,"processed_at":"2026-11-25T11:00:00+01:00","amount":"%s","currency":"EUR",
                   "admin_graphql_api_id":"gid://shopify/OrderTransaction/%d"}],
                 "order_adjustments":[]}"""
                .formatted(id, orderId, note == null ? "null" : "\"" + note + "\"", userId == null ? "null" : userId, id,
                        id + 1, orderId, value, id + 1);
    }

    static long orderId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000_000L);
    }

    static ValidatableResponse send(String topic, String webhookId, String body, String secret) {
        return given().header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(bytes(body), secret))
                .header("X-Shopify-Topic", topic).header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Shop-Domain", "claimpilot-test.myshopify.com").header("X-Shopify-API-Version", "2026-01")
                .contentType("application/json").body(bytes(body)).post("/webhooks/shopify").then();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
