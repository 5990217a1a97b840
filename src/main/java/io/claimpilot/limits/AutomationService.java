package io.claimpilot.limits;

import io.claimpilot.outbox.DispatchPause;

import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The kill switch and the daily automation budgets: what lets the automation act, and what it has used today. */
@ApplicationScoped
public class AutomationService implements DispatchPause {

    @Inject
    MoneyLimits limits;
    @Inject
    ClaimHistory history;
    @Inject
    Clock clock;

    public record Budget(String currency, Money limit, Money used, Money remaining, BigDecimal usedRatio, boolean warning) {
    }

    public record Status(boolean paused, String changedBy, Instant changedAt, String reason, List<Budget> budgets,
                         Map<String, Money> maxAutoRefund, Map<String, Money> fourEyesAbove) {
    }

    /**
     * How long a replica trusts what it read of the kill switch and the budgets' limits. Every claim and every outbox
     * action asks; reading the database each time was a round trip per question. A switch turned on, or a limit
     * changed, through another replica binds this one within this time; through this one, at once.
     * Measured with {@code System.nanoTime()}, not the service's clock: it is about freshness, not business time.
     */
    static final Duration FRESH_FOR = Duration.ofMillis(500);

    private record Read<T>(T value, long atNanos) {
        boolean fresh() {
            return System.nanoTime() - atNanos < FRESH_FOR.toNanos();
        }
    }

    private volatile Read<Optional<AutomationState>> switchRead;
    private final Map<String, Read<Optional<BigDecimal>>> limitsRead = new ConcurrentHashMap<>();

    /** The switch when it is on (empty: automation running), as read within {@link #FRESH_FOR}. */
    @Transactional
    public Optional<AutomationState> pausedState() {
        Read<Optional<AutomationState>> read = switchRead;
        if (read != null && read.fresh()) {
            return read.value();
        }
        long at = System.nanoTime();
        AutomationState state = AutomationState.findById(1);
        Optional<AutomationState> paused = state != null && state.paused ? Optional.of(state) : Optional.empty();
        switchRead = new Read<>(paused, at);
        return paused;
    }

    @Transactional
    /** The kill switch also holds the outbox's refunds and reshipments that were queued before it was turned on. */
    @Override
    public boolean holdsMoneyAndGoods() {
        return pausedState().isPresent();
    }

    public Status status() {
        AutomationState state = AutomationState.findById(1);
        TreeSet<String> currencies = new TreeSet<>(limits.dailyAutoRefundBudget().keySet());
        AutomationBudget.<AutomationBudget>listAll().forEach(budget -> currencies.add(budget.currency));
        List<Budget> budgets = currencies.stream().map(this::budget).toList();
        return new Status(state != null && state.paused, state == null ? null : state.changedBy,
                state == null ? null : state.changedAt, state == null ? null : state.reason, budgets,
                money(limits.maxAutoRefund()), money(limits.fourEyesAbove()));
    }

    @Transactional
    public void pause(String actor, String reason) {
        set(true, actor, reason);
    }

    @Transactional
    public void resume(String actor) {
        set(false, actor, null);
    }

    /** Sets today's (and every later day's) automatic refund budget for a currency; checked for the API and the console. */
    @Transactional
    public Budget setBudget(String currency, BigDecimal limit, String actor) {
        if (currency == null || java.util.Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(currency))) {
            throw ApiProblem.invalidField("currency", "'" + currency + "' is not an ISO 4217 currency code");
        }
        if (limit == null || limit.signum() < 0) {
            throw ApiProblem.invalidField("dailyLimit", "is required and must not be negative");
        }
        int decimals = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        if (decimals >= 0 && limit.stripTrailingZeros().scale() > decimals) {
            throw ApiProblem.invalidField("dailyLimit", "has more decimals than " + currency + " allows (" + decimals + ")");
        }
        // The column is numeric(19, 4): refuse what it cannot hold instead of failing in the database.
        if (limit.precision() - limit.scale() > 15) {
            throw ApiProblem.invalidField("dailyLimit", "is too large");
        }
        AutomationBudget budget = AutomationBudget.findById(currency);
        if (budget == null) {
            budget = new AutomationBudget();
            budget.currency = currency;
            budget.dailyLimit = limit;
            budget.changedBy = actor;
            budget.changedAt = clock.instant();
            budget.persist();
        } else {
            budget.dailyLimit = limit;
            budget.changedBy = actor;
            budget.changedAt = clock.instant();
        }
        limitsRead.remove(currency);
        return budget(currency);
    }

    /** Today's limit for automatic refunds in a currency, if one is set, as read within {@link #FRESH_FOR}. */
    public Optional<BigDecimal> dailyLimit(String currency) {
        Read<Optional<BigDecimal>> read = limitsRead.get(currency);
        if (read != null && read.fresh()) {
            return read.value();
        }
        long at = System.nanoTime();
        AutomationBudget override = AutomationBudget.findById(currency);
        Optional<BigDecimal> limit = override != null ? Optional.of(override.dailyLimit)
                : Optional.ofNullable(limits.dailyAutoRefundBudget().get(currency));
        limitsRead.put(currency, new Read<>(limit, at));
        return limit;
    }

    /** The start of the current budget day, UTC. */
    public Instant startOfDay() {
        return clock.instant().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    public BigDecimal usedToday(String currency) {
        return history.automaticRefundsSince(currency, startOfDay());
    }

    private Budget budget(String currency) {
        BigDecimal limit = dailyLimit(currency).orElse(BigDecimal.ZERO);
        BigDecimal used = usedToday(currency);
        BigDecimal ratio = limit.signum() == 0 ? BigDecimal.ONE : used.divide(limit, 4, RoundingMode.HALF_UP);
        return new Budget(currency, Money.canonical(limit, currency), Money.canonical(used, currency),
                Money.canonical(limit.subtract(used).max(BigDecimal.ZERO), currency), ratio,
                ratio.compareTo(limits.budgetWarningRatio()) >= 0);
    }

    private void set(boolean paused, String actor, String reason) {
        switchRead = null;
        AutomationState state = AutomationState.findById(1);
        if (state == null) {
            state = new AutomationState();
            state.id = 1;
            fill(state, paused, actor, reason);
            state.persist();
        } else {
            if (state.paused == paused) {
                throw ApiProblem.conflict(paused ? "Automation is already paused by " + state.changedBy : "Automation is already running");
            }
            fill(state, paused, actor, reason);
        }
    }

    private void fill(AutomationState state, boolean paused, String actor, String reason) {
        state.paused = paused;
        state.changedBy = actor;
        state.changedAt = clock.instant();
        state.reason = reason;
    }

    private static Map<String, Money> money(Map<String, BigDecimal> amounts) {
        Map<String, Money> money = new TreeMap<>();
        amounts.forEach((currency, amount) -> money.put(currency, Money.canonical(amount, currency)));
        return money;
    }
}
