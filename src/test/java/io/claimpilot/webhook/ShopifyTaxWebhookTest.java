package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.claimpilot.webhook.ShopifyWebhookTest.SECRET;
import static io.claimpilot.webhook.ShopifyWebhookTest.order;
import static io.claimpilot.webhook.ShopifyWebhookTest.orderId;
import static io.claimpilot.webhook.ShopifyWebhookTest.send;
import static org.assertj.core.api.Assertions.assertThat;

/** An orders/cancelled webhook with Shopify's tax lines stores the claim with its rates and its shipping. */
@QuarkusTest
class ShopifyTaxWebhookTest {

    @Inject
    WebhookProcessor processor;
    @Inject
    Db db;

    @Test
    void aCancelledOrdersTaxLinesAndShippingReachTheStoredClaim() {
        long orderId = orderId();
        String body = order(orderId, "paid", "null", "[]", "[]")
                .replace("\"total_tax\":\"0.00\"", "\"total_tax\":\"10.00\",\"taxes_included\":true")
                .replace("\"sku\":\"MUG-01\",\"price\":\"49.90\",\"total_discount\":\"0.00\",",
                        "\"sku\":\"MUG-01\",\"price\":\"49.90\",\"total_discount\":\"0.00\","
                                + "\"tax_lines\":[{\"channel_liable\":false,\"price\":\"6.67\",\"rate\":0.2,\"title\":\"FR TVA\"}],")
                .replace("\"sku\":\"TEA-02\",\"price\":\"20.00\",\"total_discount\":\"0.00\",",
                        "\"sku\":\"TEA-02\",\"price\":\"20.00\",\"total_discount\":\"0.00\","
                                + "\"tax_lines\":[{\"channel_liable\":false,\"price\":\"2.09\",\"rate\":0.055,\"title\":\"FR TVA\"}],")
                .replace("\"shipping_lines\":[]", """
                        "shipping_lines":[{"id":271878346,"carrier_identifier":null,"code":"colissimo","discounted_price":"9.90",
                          "price":"9.90","source":"shopify","title":"Colissimo","discount_allocations":[],
                          "tax_lines":[{"channel_liable":false,"price":"1.65","rate":0.2,"title":"FR TVA"}]}]""");
        assertThat(body).contains("\"rate\":0.055").contains("\"taxes_included\":true").contains("Colissimo");

        send("orders/cancelled", UUID.randomUUID().toString(), body, SECRET).statusCode(202);
        processor.processDue();

        assertThat(db.strings("select (items->0->>'taxRate') || ' ' || (items->1->>'taxRate') || ' ' || tax_included || ' '"
                + " || shipping_amount || ' ' || shipping_tax_rate from claim where order_id = ? and caller = 'shopify'",
                String.valueOf(orderId))).containsExactly("20.0 5.5 true 9.9000 20.0000");
    }
}
