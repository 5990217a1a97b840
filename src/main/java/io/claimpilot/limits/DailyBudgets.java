package io.claimpilot.limits;

import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.common.Money;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daily automation budget, spent without a lock shared by every replica. This replica reserves a slice of the
 * day's budget ({@link BudgetReservations}, a short transaction of its own), spends it in memory under a Java lock per
 * currency, and reserves again when it runs out. The slices handed out never add up past the day's limit, so neither
 * can the automatic refunds, however many replicas run.
 * <p>
 * What is spent in a claim's transaction comes back to the slice when that transaction rolls back. What is left of a
 * slice goes back to the day's row when the limit changes and when the service stops. A replica that dies keeps its
 * slice until the end of the day: the budget is then under-used by at most one slice, never over-spent. Near the end
 * of the day's budget, a refund larger than what is left here may be refused while another replica still holds a
 * slice: at most one slice per replica ({@code claimpilot.limits.budget-slice-ratio} of the limit) stays unused.
 */
@ApplicationScoped
public class DailyBudgets {

    private static final Logger LOG = Logger.getLogger(DailyBudgets.class);

    @Inject
    AutomationService automation;
    @Inject
    BudgetReservations reservations;
    @Inject
    ClaimHistory history;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @ConfigProperty(name = "claimpilot.limits.budget-slice-ratio", defaultValue = "0.02")
    BigDecimal sliceRatio;

    /** This replica's slice of one currency's budget; guarded by its own monitor. */
    private static final class Slice {
        LocalDate day;
        BigDecimal limit;
        BigDecimal left = BigDecimal.ZERO;
        /** Changes with the day or the limit, so a rollback never refunds a slice that was given back meanwhile. */
        long generation;
    }

    private final Map<String, Slice> slices = new ConcurrentHashMap<>();

    /**
     * Takes an automatic refund out of today's budget, in the caller's transaction: empty when it fits, otherwise why
     * not. Given back if that transaction does not commit.
     */
    public Optional<String> spend(Money refund) {
        String currency = refund.currency();
        Optional<BigDecimal> configured = automation.dailyLimit(currency);
        if (configured.isEmpty()) {
            return Optional.of("No daily automation budget is configured for " + currency);
        }
        BigDecimal limit = configured.get();
        LocalDate day = LocalDate.ofInstant(automation.startOfDay(), ZoneOffset.UTC);
        BigDecimal amount = refund.amount();
        Slice slice = slices.computeIfAbsent(currency, c -> new Slice());
        synchronized (slice) {
            BigDecimal returning = BigDecimal.ZERO;
            if (!day.equals(slice.day) || slice.limit.compareTo(limit) != 0) {
                // Another day's slice simply lapses with its day; under a changed limit it is given back and
                // reserved again, so a lowered limit binds this replica at once.
                returning = day.equals(slice.day) ? slice.left : BigDecimal.ZERO;
                slice.day = day;
                slice.limit = limit;
                slice.left = BigDecimal.ZERO;
                slice.generation++;
            }
            if (slice.left.compareTo(amount) < 0) {
                BigDecimal wanted = amount.max(limit.multiply(sliceRatio).setScale(4, RoundingMode.DOWN));
                BudgetReservations.Grant grant = reservations.reserve(currency, day, limit, returning.add(slice.left),
                        amount, wanted);
                slice.left = grant.granted();
                if (grant.refused()) {
                    return Optional.of(refusal(refund, limit, grant.reserved()));
                }
            }
            slice.left = slice.left.subtract(amount);
            giveBackUnlessCommitted(currency, slice, slice.generation, amount);
            return Optional.empty();
        }
    }

    /** What this replica still holds of today's budget in a currency (for tests and the operator's view). */
    public BigDecimal heldHere(String currency) {
        Slice slice = slices.get(currency);
        if (slice == null) {
            return BigDecimal.ZERO;
        }
        synchronized (slice) {
            return slice.left;
        }
    }

    void giveBackAll(@Observes ShutdownEvent stopping) {
        slices.forEach((currency, slice) -> {
            synchronized (slice) {
                if (slice.day != null && slice.left.signum() > 0) {
                    try {
                        reservations.giveBack(currency, slice.day, slice.left);
                    } catch (RuntimeException e) {
                        // The slice lapses at the end of the day: the budget is under-used, never over-spent.
                        LOG.warnf("Could not give back %s %s of the daily budget at shutdown: %s", slice.left, currency, e.toString());
                    }
                    slice.left = BigDecimal.ZERO;
                    slice.generation++;
                }
            }
        });
    }

    private String refusal(Money refund, BigDecimal limit, BigDecimal reserved) {
        String currency = refund.currency();
        BigDecimal used = history.automaticRefundsSince(currency, automation.startOfDay());
        String heldElsewhere = reserved.compareTo(used) > 0
                ? ", " + Money.canonical(reserved.subtract(used), currency) + " held by running replicas" : "";
        return "Refund of " + refund + " would pass the daily automation budget of " + Money.canonical(limit, currency)
                + " (" + Money.canonical(used, currency) + " used today" + heldElsewhere + ")";
    }

    private void giveBackUnlessCommitted(String currency, Slice slice, long generation, BigDecimal amount) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    synchronized (slice) {
                        if (slice.generation == generation) {
                            slice.left = slice.left.add(amount);
                        }
                    }
                    LOG.debugf("Automatic refund of %s %s not committed: back in this replica's budget slice", amount, currency);
                }
            }
        });
    }
}
