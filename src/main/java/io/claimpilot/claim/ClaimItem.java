package io.claimpilot.claim;

import io.claimpilot.common.Money;

import java.math.BigDecimal;

/**
 * One claimed order line, stored with the claim. {@code taxRate} is its VAT rate in percent, null when the shop sent
 * none (the shop's default rate applies).
 */
public record ClaimItem(String sku, int quantity, Money unitPrice, BigDecimal taxRate) {

    public ClaimItem(String sku, int quantity, Money unitPrice) {
        this(sku, quantity, unitPrice, null);
    }
}
