package io.claimpilot.claim;

import io.claimpilot.common.Money;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/claims}; {@link ClaimRequestValidator} checks it field by field. */
public record ClaimRequest(
        String externalId,
        String orderId,
        ClaimReason reason,
        Customer customer,
        Money amount,
        List<Item> items,
        Order order,
        List<EvidenceRequest> evidence) {

    public ClaimRequest {
        items = items == null ? List.of() : items;
        evidence = evidence == null ? List.of() : evidence;
    }

    public record Customer(String id, String email, String locale) {
    }

    public record Item(String sku, Integer quantity, Money unitPrice) {
    }

    public record Order(Fulfillment fulfillment, Money totalPaid, String paymentReference, Instant placedAt) {
    }
}
