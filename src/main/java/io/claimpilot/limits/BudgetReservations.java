package io.claimpilot.limits;

import io.claimpilot.claim.ClaimHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The day's budget slices as every replica sees them: one row per currency and day holding what has been handed out.
 * Each call is a short transaction of its own, so the row is locked for a few statements, never for a claim's whole
 * transaction.
 */
@ApplicationScoped
class BudgetReservations {

    @Inject
    EntityManager em;
    @Inject
    ClaimHistory history;
    @Inject
    Clock clock;

    /** What a reservation gave: {@code granted} is zero when not even the minimum fitted; {@code reserved} is the day's total after it. */
    record Grant(BigDecimal granted, BigDecimal reserved) {
        boolean refused() {
            return granted.signum() == 0;
        }
    }

    /**
     * Gives back {@code returning} (what this replica held and did not spend) and reserves at least {@code minimum},
     * at most {@code wanted}, without letting the day's total pass {@code limit}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Grant reserve(String currency, LocalDate day, BigDecimal limit, BigDecimal returning, BigDecimal minimum,
                         BigDecimal wanted) {
        BigDecimal reserved = lockedRow(currency, day);
        BigDecimal base = reserved.subtract(returning).max(BigDecimal.ZERO);
        BigDecimal room = limit.subtract(base);
        BigDecimal granted = room.compareTo(minimum) < 0 ? BigDecimal.ZERO : wanted.min(room);
        update(currency, day, base.add(granted));
        return new Grant(granted, base.add(granted));
    }

    /** Gives back what a replica reserved and will not spend (it stops, or the limit changed). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveBack(String currency, LocalDate day, BigDecimal amount) {
        if (amount.signum() > 0) {
            update(currency, day, lockedRow(currency, day).subtract(amount).max(BigDecimal.ZERO));
        }
    }

    /**
     * The day's row, locked. The first replica to reserve on a day starts it at what was already spent automatically
     * that day: refunds decided before this table existed, or by a replica of an older version during an upgrade.
     */
    private BigDecimal lockedRow(String currency, LocalDate day) {
        BigDecimal reserved = selectForUpdate(currency, day);
        if (reserved != null) {
            return reserved;
        }
        BigDecimal spent = history.automaticRefundsSince(currency, day.atStartOfDay(ZoneOffset.UTC).toInstant());
        em.createNativeQuery("insert into automation_budget_day (currency, day, reserved, updated_at)"
                        + " values (:currency, :day, :reserved, :now) on conflict do nothing")
                .setParameter("currency", currency).setParameter("day", day).setParameter("reserved", spent)
                .setParameter("now", clock.instant())
                .executeUpdate();
        return selectForUpdate(currency, day);
    }

    private BigDecimal selectForUpdate(String currency, LocalDate day) {
        @SuppressWarnings("unchecked")
        List<BigDecimal> rows = em.createNativeQuery("select reserved from automation_budget_day"
                        + " where currency = :currency and day = :day for update", BigDecimal.class)
                .setParameter("currency", currency).setParameter("day", day)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void update(String currency, LocalDate day, BigDecimal reserved) {
        em.createNativeQuery("update automation_budget_day set reserved = :reserved, updated_at = :now"
                        + " where currency = :currency and day = :day")
                .setParameter("reserved", reserved).setParameter("now", clock.instant())
                .setParameter("currency", currency).setParameter("day", day)
                .executeUpdate();
    }
}
