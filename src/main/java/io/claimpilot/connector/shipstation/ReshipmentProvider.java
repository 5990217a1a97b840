package io.claimpilot.connector.shipstation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Creates a new warehouse order that ships the claimed items again, to the same address. Implementations pass
 * {@link ReshipmentRequest#orderKey()} (the outbox key) as the provider's order key, so asking twice creates one
 * order. Failures are thrown as {@link io.claimpilot.outbox.ActionFailure}.
 */
public interface ReshipmentProvider {

    Reshipment create(ReshipmentRequest request);

    /** {@code shipTo} is null when the claim carries no address: a real provider sends such a claim to a person. */
    record ReshipmentRequest(String claimId, String orderKey, String originalOrderId, ShipTo shipTo, List<Item> items,
                             String currency) {
    }

    record ShipTo(String name, String street1, String street2, String postalCode, String city, String country) {
    }

    record Item(String sku, int quantity, BigDecimal unitPrice) {
    }

    record Reshipment(String orderId, Map<String, Object> details) {
    }
}
