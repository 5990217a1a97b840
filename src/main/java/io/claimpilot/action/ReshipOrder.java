package io.claimpilot.action;

import io.claimpilot.common.Money;

import java.util.List;
import java.util.Map;

/**
 * The items to ship again, as queued in the outbox: the claimed ones, or for an exchange ({@code exchange} true) the
 * replacements the customer chose. The address is read from the claim when it runs. {@code reserved} is the units
 * taken from the embedded stock when it was decided (empty when the stock source keeps its own), given back if the
 * order is superseded.
 */
public record ReshipOrder(String claimId, String shop, String orderId, String currency, List<Item> items,
                          boolean exchange, Map<String, Integer> reserved) {

    public static final String ACTION = "RESHIP";

    public ReshipOrder(String claimId, String shop, String orderId, String currency, List<Item> items) {
        this(claimId, shop, orderId, currency, items, false, Map.of());
    }

    public record Item(String sku, int quantity, Money unitPrice) {
    }

    /** The items as a customer message names them: "SHOE-42", or "2 × SHOE-42, SOCK-M" when there are more. */
    public String itemsInWords() {
        return items.stream().map(item -> item.quantity() == 1 ? item.sku() : item.quantity() + " × " + item.sku())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
