package io.claimpilot.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Orders from the Shopify Admin API: {@code GET /orders/{id}.json}. */
@ApplicationScoped
public class ShopifyOrders {

    @Inject
    ShopifyAdmin admin;

    public boolean configured() {
        return admin.configured();
    }

    /** The order object, or empty when Shopify does not know the order. */
    public Optional<JsonNode> order(String orderId) {
        if (!orderId.matches("\\d{1,20}")) {
            return Optional.empty();
        }
        JsonNode body = admin.order(orderId);
        return body == null || !body.hasNonNull("order") ? Optional.empty() : Optional.of(body.get("order"));
    }
}
