package io.claimpilot.stock;

import java.math.BigDecimal;
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

    /**
     * Unit prices per SKU in {@code currency}, for the policy to compare an exchange's replacement with the claimed item.
     * A SKU whose price the source does not know, or knows in another currency, is left out: the price is unknown.
     * Sources that hold no prices (the Shopify and HTTP sources today) answer an empty map.
     */
    default Map<String, BigDecimal> unitPrices(Collection<String> skus, String currency) {
        return Map.of();
    }

    /**
     * Takes units out of stock for a shipment the claim decided, in the caller's transaction, all or nothing: two claims
     * never both take the last unit. Sources we do not own (a WMS, Shopify) reserve when the warehouse order reaches
     * them, so they answer {@link Reservation#notTracked()}.
     */
    default Reservation reserve(Map<String, Integer> units) {
        return Reservation.notTracked();
    }

    /** Gives back units a shipment reserved and will not send (its claim was decided again or withdrawn). */
    default void release(Map<String, Integer> units) {
    }

    /**
     * What a reservation did. {@code reserved}: the units were taken here, and are given back if the shipment is
     * superseded; {@code shortSku}: the SKU there were not enough of (nothing was taken).
     */
    record Reservation(boolean reserved, String shortSku, Integer available) {

        public static Reservation notTracked() {
            return new Reservation(false, null, null);
        }

        public static Reservation taken() {
            return new Reservation(true, null, null);
        }

        public static Reservation tooFew(String sku, int available) {
            return new Reservation(false, sku, available);
        }

        public boolean failed() {
            return shortSku != null;
        }
    }
}
