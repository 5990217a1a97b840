package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.support.Db;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.SAMPLE_ORDER;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.SAMPLE_READ_ORDER;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.SAMPLE_REFUND;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.SAMPLE_RETURN;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.SAMPLE_RETURN_ORDER;
import static io.claimpilot.webhook.ShopifyPublishedPayloadsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify adds fields without notice. Every Shopify fixture, with a field we have never seen added to one object at a
 * time (the root, each nested object, each object in an array), is signed, stored and processed, and must come out
 * exactly as the original does: the same status, the same outcome, the same claims and recorded refunds.
 */
@QuarkusTest
class ShopifyUnknownFieldsTest {

    /** The customers of the sample order and of the order read. */
    private static final String SAMPLE_CUSTOMER = "115310627314723954";
    private static final String SAMPLE_READ_CUSTOMER = "207119551";

    @Inject
    WebhookProcessor processor;
    @Inject
    Db db;

    @Test
    void thePublishedRefundIsRecordedTheSameWithAnUnknownFieldAnywhere() {
        assertThat(sameForEveryVariant("refunds/create", ProviderFixtures.json("shopify", "refunds_create.json"), ids -> { }))
                .isEqualTo("DONE: Recorded refund " + SAMPLE_REFUND + " of 85.00 USD on order " + SAMPLE_ORDER + " |  | 85.0000 USD");
    }

    @Test
    void thePublishedCancelledOrderAndOurCapturedVariantOfItAreProcessedTheSameWithAnUnknownFieldAnywhere() {
        assertThat(sameForEveryVariant("orders/cancelled", ProviderFixtures.json("shopify", "orders_cancelled.json"), ids -> { }))
                .startsWith("DONE: Order " + SAMPLE_ORDER + " is voided");
        // Our edge case built from two published payloads: the order captured, with the published refund inside.
        ObjectNode captured = (ObjectNode) ProviderFixtures.json("shopify", "orders_cancelled.json");
        captured.put("financial_status", "partially_refunded");
        captured.putArray("refunds").add(ProviderFixtures.json("shopify", "refunds_create.json"));
        assertThat(sameForEveryVariant("orders/cancelled", captured, ids -> { }))
                .contains("ORDER_CANCELLED_BEFORE_SHIPMENT 303.0000 USD UNFULFILLED paid 388.0000 en").endsWith("| 85.0000 USD");
    }

    @Test
    void thePublishedReturnAndTheOrderReadItNeedsAreProcessedTheSameWithAnUnknownFieldAnywhere() {
        assertThat(sameForEveryVariant("returns/request", ProviderFixtures.json("shopify", "returns_request.json"), ids -> { }))
                .isEqualTo("DONE: Return " + SAMPLE_RETURN + " has no lines: no claim |  | ");
        // Our edge case: the published return with a line of the published order, which is read from the Admin API.
        String order = ProviderFixtures.text("shopify", "admin_order.json");
        JsonNode withLine = Json.read(bytes(ShopifyPublishedPayloadsTest.returnOf(SAMPLE_RETURN, SAMPLE_RETURN_ORDER,
                "518995019", "DEFECTIVE")));
        assertThat(sameForEveryVariant("returns/request", withLine,
                ids -> serveOrder(ids, order.replace(SAMPLE_READ_ORDER, ids.get(SAMPLE_RETURN_ORDER)))))
                .contains("DAMAGED 199.0000 USD DELIVERED");

        // The order read itself with an unknown field anywhere, for the same return.
        String expected = null;
        for (String variant : withOriginalFirst(ProviderFixtures.json("shopify", "admin_order.json"))) {
            Map<String, String> ids = freshIds();
            serveOrder(ids, variant.replace(SAMPLE_READ_ORDER, ids.get(SAMPLE_RETURN_ORDER)));
            String result = process("returns/request", withLine.toString(), ids);
            expected = expected == null ? result : expected;
            assertThat(result).as("order read with %s", variant).isEqualTo(expected);
        }
        assertThat(expected).contains("DAMAGED 199.0000 USD DELIVERED paid 409.9400");
    }

    /** Sends the document and each of its variants with fresh ids, expects the same result from all, and returns it. */
    private String sameForEveryVariant(String topic, JsonNode document, Consumer<Map<String, String>> prepare) {
        String expected = null;
        for (String variant : withOriginalFirst(document)) {
            Map<String, String> ids = freshIds();
            prepare.accept(ids);
            String result = process(topic, variant, ids);
            expected = expected == null ? result : expected;
            assertThat(result).as("%s with %s", topic, variant).isEqualTo(expected);
        }
        return expected;
    }

    private static List<String> withOriginalFirst(JsonNode document) {
        List<String> variants = new java.util.ArrayList<>();
        variants.add(document.toString());
        variants.addAll(ProviderFixtures.withUnknownFieldAtEachLevel(document));
        return variants;
    }

    /**
     * Fresh ids for the samples' ids, so every variant is a delivery, an order and a refund of its own, from a customer
     * of its own (the customer's history, counted by id, e-mail and address, would otherwise change the decision).
     */
    private static Map<String, String> freshIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String sample : List.of(SAMPLE_ORDER, SAMPLE_REFUND, SAMPLE_RETURN, SAMPLE_RETURN_ORDER, SAMPLE_CUSTOMER,
                SAMPLE_READ_CUSTOMER)) {
            ids.put(sample, String.valueOf(ShopifyWebhookTest.orderId()));
        }
        for (String email : List.of("jon@example.com", "john@example.com", "bob.norman@hostmail.com")) {
            ids.put(email, "c" + ShopifyWebhookTest.orderId() + "@example.com");
        }
        for (String street : List.of("123 Shipping Street", "123 Elm St.", "Chestnut Street 92")) {
            ids.put(street, ShopifyWebhookTest.orderId() + " Rue Neuve");
        }
        return ids;
    }

    private static void serveOrder(Map<String, String> ids, String order) {
        ProviderFakes.client().register(get(urlPathEqualTo("/admin/api/2026-01/orders/" + ids.get(SAMPLE_RETURN_ORDER) + ".json"))
                .willReturn(okJson(order)));
    }

    /** What processing did, with this variant's ids put back to the sample's, so variants compare equal. */
    private String process(String topic, String body, Map<String, String> ids) {
        String sent = body;
        for (var id : ids.entrySet()) {
            sent = sent.replace(id.getKey(), id.getValue());
        }
        String delivery = UUID.randomUUID().toString();
        ShopifyPublishedPayloadsTest.send(topic, delivery, sent).statusCode(202);
        processor.processDue();
        String orderId = topic.equals("returns/request") ? ids.get(SAMPLE_RETURN_ORDER) : ids.get(SAMPLE_ORDER);
        String result = String.join(" | ",
                String.join(",", db.strings("select status || ': ' || coalesce(outcome, last_error) from webhook_delivery"
                        + " where delivery_id = ?", delivery)),
                // What the payload says, as the claim stored it; not the decision, which also weighs the history that
                // the previous variants keep adding to (claims per SKU and per day).
                String.join(",", db.strings("select reason || ' ' || amount || ' ' || currency || ' ' || fulfillment"
                        + " || ' paid ' || order_total_paid || ' ' || coalesce(customer_locale, '-') from claim"
                        + " where order_id = ? order by reason", orderId)),
                String.join(",", db.strings("select amount || ' ' || currency from external_refund where order_id = ?", orderId)));
        for (var id : ids.entrySet()) {
            result = result.replace(id.getValue(), id.getKey());
        }
        return result.replaceAll("cl_[0-9a-f]{32}", "cl_…");
    }
}
