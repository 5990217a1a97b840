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
        List<EvidenceRequest> evidence,
        Address shippingAddress) {

    public ClaimRequest {
        items = items == null ? List.of() : items;
        evidence = evidence == null ? List.of() : evidence;
    }

    public record Customer(String id, String email, String locale, String name) {
    }

    public record Item(String sku, Integer quantity, Money unitPrice) {
    }

    public record Order(Fulfillment fulfillment, Money totalPaid, String paymentReference, Instant placedAt,
                        Instant shippedAt, TrackingStatus trackingStatus) {
    }

    public record Address(String line1, String line2, String postalCode, String city, String country) {
        /** One line, as written, for display and erasure. */
        public String oneLine() {
            return java.util.stream.Stream.of(line1, line2, postalCode, city, country)
                    .filter(part -> part != null && !part.isBlank()).map(String::strip)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }
}
