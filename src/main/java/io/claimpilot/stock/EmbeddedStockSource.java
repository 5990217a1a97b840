package io.claimpilot.stock;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock kept in our own database, managed through {@code /api/stock}; the default source. Typed to its class only:
 * the {@link StockSource} in use is the one {@code connector.stock.StockSources} selects.
 */
@ApplicationScoped
@Typed(EmbeddedStockSource.class)
public class EmbeddedStockSource implements StockSource {

    @Inject
    Clock clock;

    @Override
    public Map<String, Integer> available(Collection<String> skus) {
        Map<String, Integer> levels = new HashMap<>();
        skus.forEach(sku -> levels.put(sku, 0));
        if (!skus.isEmpty()) {
            List<StockLevel> known = StockLevel.list("sku in ?1", List.copyOf(skus));
            known.forEach(level -> levels.put(level.sku, level.available));
        }
        return levels;
    }

    public StockLevel find(String sku) {
        return StockLevel.findById(sku);
    }

    @Transactional
    public StockLevel set(String sku, int available) {
        if (available < 0) {
            throw ApiProblem.invalidField("available", "must be 0 or more");
        }
        StockLevel level = StockLevel.findById(sku);
        if (level == null) {
            level = new StockLevel();
            level.sku = sku;
            level.available = available;
            level.updatedAt = clock.instant();
            level.persist();
            return level;
        }
        level.available = available;
        level.updatedAt = clock.instant();
        return level;
    }
}
