package io.claimpilot.claim;

import io.claimpilot.common.Money;

import java.math.BigDecimal;

/**
 * One claimed order line, stored with the claim. {@code taxRate} is its VAT rate in percent, null when the shop sent
 * none (the shop's default rate applies). {@code exchangeFor} is the variant the customer wants instead, null when
 * they asked for none.
 */
public record ClaimItem(String sku, int quantity, Money unitPrice, BigDecimal taxRate, ClaimRequest.ExchangeFor exchangeFor) {

    public ClaimItem(String sku, int quantity, Money unitPrice) {
        this(sku, quantity, unitPrice, null, null);
    }

    public ClaimItem(String sku, int quantity, Money unitPrice, BigDecimal taxRate) {
        this(sku, quantity, unitPrice, taxRate, null);
    }

    /** The SKU shipped if this line is exchanged: the replacement when one was asked for, else the line's own. */
    public String shippedSku() {
        return exchangeFor == null ? sku : exchangeFor.sku();
    }
}
