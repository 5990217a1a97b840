package io.claimpilot.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.stock.StockSource;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Stock from Shopify inventory levels: {@code GET /admin/api/{version}/inventory_levels.json?inventory_item_ids=...}.
 * Shopify counts inventory items, not SKUs, so a configured mapping ({@code claimpilot.stock.shopify.inventory-items},
 * e.g. {@code MUG-01=808950810,TEA-02=39072856}) names the item of each SKU. The available units of every location are
 * added up, or only of the configured locations ({@code claimpilot.stock.shopify.location-ids}).
 *
 * <p>Unknown, and so left out of the answer: a SKU with no mapping, an item whose inventory Shopify does not track
 * ({@code available} null), and every SKU when Shopify answers an error or times out. An item Shopify tracks but
 * has at no location counts 0.
 */
public class ShopifyStockSource implements StockSource {

    private static final Logger LOG = Logger.getLogger(ShopifyStockSource.class);
    /** Shopify accepts at most 50 inventory item ids per request. */
    private static final int IDS_PER_REQUEST = 50;

    private final ShopifyAdmin admin;
    private final Map<String, String> itemBySku;
    private final Set<String> locations;
    private final Duration timeout;

    public ShopifyStockSource(ShopifyAdmin admin, Map<String, String> itemBySku, List<String> locations, Duration timeout) {
        this.admin = admin;
        this.itemBySku = Map.copyOf(itemBySku);
        this.locations = Set.copyOf(locations);
        this.timeout = timeout;
    }

    @Override
    public Map<String, Integer> available(Collection<String> skus) {
        Map<String, String> wanted = new LinkedHashMap<>();
        skus.stream().filter(itemBySku::containsKey).forEach(sku -> wanted.put(sku, itemBySku.get(sku)));
        skus.stream().filter(sku -> !itemBySku.containsKey(sku))
                .forEach(sku -> LOG.warnf("SKU %s has no Shopify inventory item in claimpilot.stock.shopify.inventory-items: stock unknown", sku));
        Map<String, Integer> byItem = new HashMap<>();
        Set<String> tracked = new java.util.HashSet<>();
        List<String> ids = wanted.values().stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            JsonNode body = levels(chunk);
            if (body == null) {
                return Map.of();
            }
            for (JsonNode level : body.path("inventory_levels")) {
                String item = level.path("inventory_item_id").asText();
                JsonNode available = level.get("available");
                if (!locations.isEmpty() && !locations.contains(level.path("location_id").asText())) {
                    continue;
                }
                if (available != null && available.isIntegralNumber()) {
                    tracked.add(item);
                    byItem.merge(item, Math.max(0, available.asInt()), Integer::sum);
                } else {
                    byItem.putIfAbsent(item, null);
                }
            }
        }
        Map<String, Integer> result = new HashMap<>();
        wanted.forEach((sku, item) -> {
            if (!byItem.containsKey(item)) {
                result.put(sku, 0);
            } else if (tracked.contains(item)) {
                result.put(sku, byItem.get(item));
            }
        });
        return result;
    }

    /** One request's answer, or null when Shopify could not be read (every SKU unknown). */
    private JsonNode levels(List<String> itemIds) {
        try {
            JsonNode body = admin.inventoryLevels(itemIds).get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
            if (body == null || !body.has("inventory_levels")) {
                LOG.warn("Shopify answered no inventory levels: stock unknown");
                return null;
            }
            return body;
        } catch (ExecutionException e) {
            LOG.warnf("Shopify inventory levels could not be read, stock unknown: %s",
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warnf("Shopify inventory levels did not answer within %s: stock unknown", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** {@code MUG-01=808950810,TEA-02=39072856} to a map; blank entries are ignored. */
    public static Map<String, String> parseMapping(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.split("=", 2))
                .peek(pair -> {
                    if (pair.length != 2 || pair[0].isBlank() || !pair[1].strip().matches("\\d+")) {
                        throw new IllegalStateException("claimpilot.stock.shopify.inventory-items: '" + String.join("=", pair)
                                + "' is not SKU=inventory item id");
                    }
                })
                .collect(Collectors.toMap(pair -> pair[0].strip(), pair -> pair[1].strip(), (a, b) -> b));
    }

    public static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }
}
