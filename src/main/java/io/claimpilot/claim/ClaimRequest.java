package io.claimpilot.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/claims}; {@link ClaimRequestValidator} checks it field by field. {@code helpdeskTicketId}
 * is the customer's ticket at the shop's helpdesk, when the claim comes from one: ClaimPilot writes into it.
 */
public record ClaimRequest(
        String externalId,
        String orderId,
        ClaimReason reason,
        Customer customer,
        Money amount,
        List<Item> items,
        Order order,
        List<EvidenceRequest> evidence,
        Address shippingAddress,
        Shipping shipping,
        String helpdeskTicketId) {

    @JsonCreator
    public ClaimRequest {
        items = items == null ? List.of() : items;
        evidence = evidence == null ? List.of() : evidence;
    }

    /** A claim without a helpdesk ticket of its own: ClaimPilot opens one when it first writes to the customer. */
    public ClaimRequest(String externalId, String orderId, ClaimReason reason, Customer customer, Money amount,
                        List<Item> items, Order order, List<EvidenceRequest> evidence, Address shippingAddress,
                        Shipping shipping) {
        this(externalId, orderId, reason, customer, amount, items, order, evidence, shippingAddress, shipping, null);
    }

    /** A claim without shipping to refund. */
    public ClaimRequest(String externalId, String orderId, ClaimReason reason, Customer customer, Money amount,
                        List<Item> items, Order order, List<EvidenceRequest> evidence, Address shippingAddress) {
        this(externalId, orderId, reason, customer, amount, items, order, evidence, shippingAddress, null, null);
    }

    public record Customer(String id, String email, String locale, String name) {
    }

    /**
     * A claimed order line. {@code taxRate} is its VAT rate in percent ("20.0", "5.5"), the shop's default when absent;
     * {@code taxIncluded} says whether the unit price includes VAT (true when absent), the same for every line.
     * {@code exchangeFor} names the variant the customer wants instead of this line (WRONG_ITEM and DAMAGED claims only).
     */
    public record Item(String sku, Integer quantity, Money unitPrice, BigDecimal taxRate, Boolean taxIncluded,
                       ExchangeFor exchangeFor) {

        @JsonCreator
        public Item {
        }

        public Item(String sku, Integer quantity, Money unitPrice) {
            this(sku, quantity, unitPrice, null, null, null);
        }

        public Item(String sku, Integer quantity, Money unitPrice, BigDecimal taxRate, Boolean taxIncluded) {
            this(sku, quantity, unitPrice, taxRate, taxIncluded, null);
        }

        /** Whether the price includes VAT: it does unless the shop says otherwise. */
        public boolean includesTax() {
            return taxIncluded == null || taxIncluded;
        }
    }

    /** The variant a customer asks for in exchange of a claimed line: same quantity, another SKU. */
    public record ExchangeFor(String sku) {
    }

    /** The shipping refunded with the claim; without a rate it follows the goods' rates (see docs/accounting.md). */
    public record Shipping(Money amount, BigDecimal taxRate) {
    }

    /** The order; {@code invoiceNumber} and {@code invoiceDate} name the invoice a credit note refers to. */
    public record Order(Fulfillment fulfillment, Money totalPaid, String paymentReference, Instant placedAt,
                        Instant shippedAt, TrackingStatus trackingStatus, String invoiceNumber,
                        @JsonFormat(shape = JsonFormat.Shape.STRING, lenient = OptBoolean.FALSE) LocalDate invoiceDate) {

        @JsonCreator
        public Order {
        }

        public Order(Fulfillment fulfillment, Money totalPaid, String paymentReference, Instant placedAt,
                     Instant shippedAt, TrackingStatus trackingStatus) {
            this(fulfillment, totalPaid, paymentReference, placedAt, shippedAt, trackingStatus, null, null);
        }
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
