package io.claimpilot.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests as each kind of caller sends them, and claim bodies to send. */
public final class Api {

    public static final String SHOP = "demo-shop-key";
    /** Belongs to the demo user {@code agent}: the same person as that user's console session. */
    public static final String AGENT = "demo-agent-key";
    /** Belongs to the demo user {@code agent2}: a second person for four-eyes. */
    public static final String AGENT2 = "demo-agent2-key";
    public static final String ANALYST = "demo-analyst-key";
    /** A second analyst: activates what {@link #ANALYST} uploads, under two-person activation. */
    public static final String ANALYST2 = "demo-analyst2-key";
    public static final String ACCOUNTANT = "demo-accountant-key";
    public static final String ADMIN = "demo-admin-key";

    private Api() {
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    public static Map<String, Object> money(String amount) {
        return money(amount, "EUR");
    }

    public static Map<String, Object> money(String amount, String currency) {
        return new LinkedHashMap<>(Map.of("amount", amount, "currency", currency));
    }

    /** A claim body; change it with the fluent methods before sending. */
    public static ClaimBody claim(String reason, String amount) {
        return new ClaimBody(reason, amount);
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static final class ClaimBody {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<Map<String, Object>> items = new ArrayList<>();
        private final List<Map<String, Object>> evidence = new ArrayList<>();
        private final Map<String, Object> order = new LinkedHashMap<>();
        private final Map<String, Object> customer = new LinkedHashMap<>();

        ClaimBody(String reason, String amount) {
            body.put("externalId", uniqueId("ext"));
            body.put("orderId", uniqueId("order"));
            body.put("reason", reason);
            customer.put("id", uniqueId("cust"));
            // Each claim comes from its own customer: e-mail velocity counts across accounts.
            customer.put("email", uniqueId("alice") + "@example.com");
            customer.put("locale", "fr");
            body.put("customer", customer);
            body.put("amount", money(amount));
            body.put("items", items);
            order.put("fulfillment", "UNFULFILLED");
            order.put("totalPaid", money("500.00"));
            order.put("paymentReference", "pi_123");
            order.put("placedAt", "2026-11-20T10:00:00Z");
            body.put("order", order);
            body.put("evidence", evidence);
        }

        public ClaimBody externalId(String externalId) {
            body.put("externalId", externalId);
            return this;
        }

        public ClaimBody orderId(String orderId) {
            body.put("orderId", orderId);
            return this;
        }

        public ClaimBody customerId(String customerId) {
            customer.put("id", customerId);
            return this;
        }

        public ClaimBody email(String email) {
            customer.put("email", email);
            return this;
        }

        public ClaimBody customerName(String name) {
            customer.put("name", name);
            return this;
        }

        public ClaimBody shippingAddress(String line1, String postalCode, String city, String country) {
            body.put("shippingAddress", Map.of("line1", line1, "postalCode", postalCode, "city", city, "country", country));
            return this;
        }

        public ClaimBody shipped(String shippedAt, String trackingStatus) {
            order.put("shippedAt", shippedAt);
            order.put("trackingStatus", trackingStatus);
            return this;
        }

        public ClaimBody fulfillment(String fulfillment) {
            order.put("fulfillment", fulfillment);
            return this;
        }

        public ClaimBody totalPaid(String amount) {
            order.put("totalPaid", money(amount));
            return this;
        }

        public ClaimBody paymentReference(String paymentReference) {
            order.put("paymentReference", paymentReference);
            return this;
        }

        /** The claim and its order in another currency than EUR: the amount, the order's total and every item price. */
        @SuppressWarnings("unchecked")
        public ClaimBody currency(String currency) {
            ((Map<String, Object>) body.get("amount")).put("currency", currency);
            ((Map<String, Object>) order.get("totalPaid")).put("currency", currency);
            items.forEach(item -> ((Map<String, Object>) item.get("unitPrice")).put("currency", currency));
            return this;
        }

        public ClaimBody item(String sku, int quantity, String unitPrice) {
            items.add(new LinkedHashMap<>(Map.of("sku", sku, "quantity", quantity, "unitPrice", money(unitPrice))));
            return this;
        }

        public ClaimBody photo() {
            evidence.add(Map.of("type", "PHOTO", "url", "https://shop.example/photos/1.jpg"));
            return this;
        }

        /** The raw map, for tests that break it on purpose. */
        public Map<String, Object> map() {
            return body;
        }
    }
}
