package io.claimpilot.action;

import io.claimpilot.common.Money;

import java.util.List;

/** The claimed items to ship again, as queued in the outbox. The address is read from the claim when it runs. */
public record ReshipOrder(String claimId, String shop, String orderId, String currency, List<Item> items) {

    public static final String ACTION = "RESHIP";

    public record Item(String sku, int quantity, Money unitPrice) {
    }
}
