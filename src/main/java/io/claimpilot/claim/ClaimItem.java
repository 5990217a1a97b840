package io.claimpilot.claim;

import io.claimpilot.common.Money;

/** One claimed order line, stored with the claim. */
public record ClaimItem(String sku, int quantity, Money unitPrice) {
}
