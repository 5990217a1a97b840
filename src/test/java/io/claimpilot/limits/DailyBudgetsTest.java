package io.claimpilot.limits;

import io.claimpilot.common.Money;
import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily budget spent from this replica's slices, without a shared lock: sixteen threads racing never spend more
 * than the limit, a rolled-back claim gives its share back, and what is left goes back to the day's row at shutdown.
 * (Two replicas on one database: OutboxReplicasIT.)
 */
@QuarkusTest
class DailyBudgetsTest {

    // A currency no other test refunds in, so this test owns its budget row.
    private static final String CURRENCY = "DKK";

    @Inject
    DailyBudgets budgets;
    @Inject
    AutomationService automation;
    @Inject
    Db db;

    @Test
    void racingClaimsNeverSpendMoreThanTheLimitAndRollbacksGiveTheirShareBack() throws Exception {
        automation.setBudget(CURRENCY, new BigDecimal("100.00"), "admin");
        Money refund = Money.of("7.00", CURRENCY);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger rolledBack = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> spends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean rollBack = i % 5 == 0;
            spends.add(pool.submit(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        Optional<String> refused = budgets.spend(refund);
                        if (refused.isEmpty() && rollBack) {
                            rolledBack.incrementAndGet();
                            throw new IllegalStateException("the claim's transaction fails after the budget was spent");
                        }
                        if (refused.isEmpty()) {
                            committed.incrementAndGet();
                        } else {
                            assertThat(refused.get()).contains("would pass the daily automation budget of 100.00 " + CURRENCY);
                        }
                    });
                } catch (IllegalStateException expected) {
                    // rolled back on purpose
                }
            }));
        }
        for (Future<?> spend : spends) {
            spend.get();
        }
        pool.shutdown();

        // Never more than the limit allows: 100 / 7 is fourteen refunds.
        assertThat(committed.get()).isBetween(1, 14);
        assertThat(rolledBack.get()).isPositive();
        // Rolled-back spends gave their 7.00 back: what the race left unspent because a rollback still held its share
        // when the last spend was refused can be spent now, up to exactly fourteen refunds in all.
        int afterwards = 0;
        while (spendCommitted(refund).isEmpty()) {
            afterwards++;
            assertThat(afterwards).as("spends after the race").isLessThanOrEqualTo(14);
        }
        assertThat(committed.get() + afterwards).isEqualTo(14);
        // The day's row counts what was spent plus what this replica still holds (the last 2.00, unless a refused
        // reservation already gave it back).
        assertThat(reservedToday()).isEqualByComparingTo(new BigDecimal("98.00").add(budgets.heldHere(CURRENCY)));

        // At shutdown the replica gives back what it holds: the row then says what was really spent.
        budgets.giveBackAll(null);
        assertThat(budgets.heldHere(CURRENCY)).isEqualByComparingTo("0");
        assertThat(reservedToday()).isEqualByComparingTo("98.00");
    }

    @Test
    void aLoweredLimitBindsThisReplicaAtOnce() {
        String currency = "NOK";
        automation.setBudget(currency, new BigDecimal("1000.00"), "admin");
        assertThat(spendCommitted(Money.of("50.00", currency))).isEmpty();
        automation.setBudget(currency, new BigDecimal("60.00"), "admin");
        assertThat(spendCommitted(Money.of("20.00", currency))).get().asString()
                .contains("would pass the daily automation budget of 60.00 NOK");
        assertThat(spendCommitted(Money.of("10.00", currency))).isEmpty();
    }

    private Optional<String> spendCommitted(Money refund) {
        return QuarkusTransaction.requiringNew().call(() -> budgets.spend(refund));
    }

    private BigDecimal reservedToday() {
        LocalDate day = LocalDate.ofInstant(automation.startOfDay(), ZoneOffset.UTC);
        return new BigDecimal(db.strings("select reserved from automation_budget_day where currency = ?1 and day = ?2", CURRENCY, day).get(0));
    }
}
