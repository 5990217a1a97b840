package io.claimpilot.limits;

import io.claimpilot.claim.AdvisoryLocks;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.common.Money;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The money-safety limits in one place: the refundable balance, the automatic refund limit, the daily automation
 * budget, the kill switch ({@link AutomationService}) and the four-eyes amount for agents. They are applied in Java
 * after the policy has decided and before anything is queued. A policy can be stricter than these limits, never looser: when one is hit, the claim goes to a person,
 * with the limit named. Runs under the order's lock, so the balance and the budget are counted exactly.
 */
@ApplicationScoped
public class MoneySafety {

    static final String ABOVE_AUTOMATIC_LIMIT = "above the automatic refund limit";

    @Inject
    AutomationService automation;
    @Inject
    MoneyLimits limits;
    @Inject
    ClaimHistory history;
    @Inject
    AdvisoryLocks locks;

    /** Why the automation may not do what the policy proposed, if it may not. */
    public Optional<String> overrule(Claim claim, PolicyVerdict verdict) {
        if (!verdict.action().actsAutomatically()) {
            return Optional.empty();
        }
        var paused = automation.pausedState();
        if (paused.isPresent()) {
            return Optional.of("Automation is paused (by " + paused.get().changedBy + " at " + paused.get().changedAt + ")");
        }
        return verdict.action() == DecisionAction.REFUND ? refundLimits(claim, verdict.amount()) : Optional.empty();
    }

    /**
     * The limits that depend only on the refund and the order, not on today's state: the refundable balance and the
     * automatic refund limit. Replay applies these too, so it shows what would really happen.
     */
    public Optional<String> refundLimits(Money amount, BigDecimal refundableBalance) {
        String currency = amount.currency();
        if (amount.amount().compareTo(refundableBalance) > 0) {
            return Optional.of("Refund of " + amount + " is above the order's refundable balance of "
                    + Money.canonical(refundableBalance, currency));
        }
        BigDecimal max = limits.maxAutoRefund().get(currency);
        if (max == null) {
            return Optional.of("No automatic refund limit is configured for " + currency);
        }
        if (amount.amount().compareTo(max) > 0) {
            return Optional.of("Refund of " + amount + " is " + ABOVE_AUTOMATIC_LIMIT + " of " + Money.canonical(max, currency));
        }
        return Optional.empty();
    }

    /**
     * The four-eyes rule: an agent's refund above the configured amount waits for a second, different agent.
     * A currency without a configured amount always takes two agents: the safe default.
     */
    public boolean needsSecondAgent(Money refund) {
        BigDecimal threshold = limits.fourEyesAbove().get(refund.currency());
        return threshold == null || refund.amount().compareTo(threshold) > 0;
    }

    private Optional<String> refundLimits(Claim claim, Money amount) {
        String currency = amount.currency();
        Optional<String> fixed = refundLimits(amount, history.leftToRefund(claim).amount());
        if (fixed.isPresent()) {
            return fixed;
        }
        locks.lockDailyBudget(currency);
        Optional<BigDecimal> budget = automation.dailyLimit(currency);
        if (budget.isEmpty()) {
            return Optional.of("No daily automation budget is configured for " + currency);
        }
        BigDecimal used = automation.usedToday(currency);
        if (used.add(amount.amount()).compareTo(budget.get()) > 0) {
            return Optional.of("Refund of " + amount + " would pass the daily automation budget of "
                    + Money.canonical(budget.get(), currency) + " (" + Money.canonical(used, currency) + " used today)");
        }
        return Optional.empty();
    }
}
