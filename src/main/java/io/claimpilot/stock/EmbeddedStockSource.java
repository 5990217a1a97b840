package io.claimpilot.stock;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.claimpilot.common.Money;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stock kept in our own database, managed through {@code /api/stock}; the default source. Typed to its class only:
 * the {@link StockSource} in use is the one {@code connector.stock.StockSources} selects.
 */
@ApplicationScoped
@Typed(EmbeddedStockSource.class)
public class EmbeddedStockSource implements StockSource {

    @Inject
    Clock clock;
    @Inject
    EntityManager em;

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

    @Override
    public Map<String, BigDecimal> unitPrices(Collection<String> skus, String currency) {
        Map<String, BigDecimal> prices = new HashMap<>();
        if (!skus.isEmpty()) {
            StockLevel.<StockLevel>list("sku in ?1 and unitPrice is not null and currency = ?2", List.copyOf(skus), currency)
                    .forEach(level -> prices.put(level.sku, level.unitPrice));
        }
        return prices;
    }

    /**
     * Locks the SKUs' rows (in SKU order, so two claims taking the same SKUs never deadlock), then takes every unit or
     * none. A second claim for the last unit waits on the first one's lock and then reads the level the first one
     * committed: it finds too few, and its claim goes to a person instead of promising a unit that is gone.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserve(Map<String, Integer> units) {
        if (units.isEmpty()) {
            return Reservation.taken();
        }
        Map<String, Integer> wanted = new TreeMap<>(units);
        Map<String, Integer> locked = new HashMap<>();
        List<?> rows = em.createNativeQuery("select sku, available from stock_level where sku in (:skus) order by sku for update")
                .setParameter("skus", List.copyOf(wanted.keySet())).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            locked.put((String) columns[0], ((Number) columns[1]).intValue());
        }
        for (Map.Entry<String, Integer> unit : wanted.entrySet()) {
            int available = locked.getOrDefault(unit.getKey(), 0);
            if (available < unit.getValue()) {
                return Reservation.tooFew(unit.getKey(), available);
            }
        }
        wanted.forEach((sku, quantity) -> adjust(sku, -quantity));
        return Reservation.taken();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Map<String, Integer> units) {
        new TreeMap<>(units).forEach(this::adjust);
    }

    /** Plain SQL, so the row lock taken above is what guards it, not a stale entity of this session. */
    private void adjust(String sku, int by) {
        em.createNativeQuery("update stock_level set available = available + :by, updated_at = :now where sku = :sku")
                .setParameter("by", by).setParameter("now", clock.instant()).setParameter("sku", sku).executeUpdate();
        StockLevel cached = em.find(StockLevel.class, sku);
        if (cached != null) {
            em.refresh(cached); // facts read this row earlier in the transaction: keep the session's copy true
        }
    }

    public StockLevel find(String sku) {
        return StockLevel.findById(sku);
    }

    @Transactional
    public StockLevel set(String sku, int available) {
        return set(sku, available, null);
    }

    /** Sets the units available and, when given, the unit price; a level set without a price keeps the one it had. */
    @Transactional
    public StockLevel set(String sku, int available, Money unitPrice) {
        if (available < 0) {
            throw ApiProblem.invalidField("available", "must be 0 or more");
        }
        StockLevel level = StockLevel.findById(sku, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (level == null) {
            level = new StockLevel();
            level.sku = sku;
            level.available = available;
            level.updatedAt = clock.instant();
            price(level, unitPrice);
            level.persist();
            return level;
        }
        level.available = available;
        level.updatedAt = clock.instant();
        price(level, unitPrice);
        return level;
    }

    private static void price(StockLevel level, Money unitPrice) {
        if (unitPrice != null) {
            level.unitPrice = Money.scaled(unitPrice.amount(), unitPrice.currency());
            level.currency = unitPrice.currency();
        }
    }
}
