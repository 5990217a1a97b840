package io.claimpilot.claimlink;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/claim-links}: an order's facts exactly as a claim sends them ({@link ClaimRequest}),
 * without the externalId (the link's id becomes it), the reason and the amount (the customer chooses them). Items may
 * carry a {@code name}, which the form shows instead of the SKU.
 */
public record ClaimLinkRequest(
        String orderId,
        ClaimRequest.Customer customer,
        List<Item> items,
        ClaimRequest.Order order,
        ClaimRequest.Address shippingAddress) {

    @JsonCreator
    public ClaimLinkRequest {
        items = items == null ? List.of() : items;
    }

    /** An order line: {@link ClaimRequest.Item}'s fields, and the product's name as the customer knows it. */
    public record Item(String sku, String name, Integer quantity, Money unitPrice, BigDecimal taxRate, Boolean taxIncluded) {

        @JsonCreator
        public Item {
        }

        public ClaimRequest.Item asClaimItem(int quantityClaimed) {
            return new ClaimRequest.Item(sku, quantityClaimed, unitPrice, taxRate, taxIncluded);
        }

        /** What the customer reads: the name when the shop sent one, else the SKU. */
        public String label() {
            return name == null || name.isBlank() ? sku : name.strip();
        }
    }
}
