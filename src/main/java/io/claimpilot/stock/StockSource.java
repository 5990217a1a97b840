package io.claimpilot.stock;

import java.util.Collection;
import java.util.Map;

/**
 * Where stock levels come from: the embedded table, Shopify inventory levels or a WMS, chosen by
 * {@code claimpilot.stock.source} ({@code connector.stock.StockSources}). Read only when facts are gathered, never by rules.
 */
public interface StockSource {

    /**
     * Units available per SKU. A SKU the source knows to have none has 0. A SKU the source could not be asked about
     * (it is down, timed out, answered nonsense, or the SKU is not mapped) is left out of the map: its stock is unknown,
     * and the facts say so. Implementations do not throw for an unreachable source.
     */
    Map<String, Integer> available(Collection<String> skus);
}
