package io.claimpilot.limits;

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
 * with the limit named. Runs under the order's lock, so the balance is counted exactly; the budget is
 * counted by {@link DailyBudgets}, without a lock shared by every replica.
 */
@ApplicationScoped
public class MoneySafety {

    static final String ABOVE_AUTOMATIC_LIMIT = "above the automatic refund limit";

    @Inject
    AutomationService automation;
    @Inject
    MoneyLimits limits;
    @Inject
    DailyBudgets budgets;

    /**
     * Why the automation may not do what the policy proposed, if it may not. {@code refundableBalance} is the order's,
     * as the facts computed it a moment ago in the same transaction, under the order's lock.
     */
    public Optional<String> overrule(PolicyVerdict verdict, BigDecimal refundableBalance) {
        if (!verdict.action().actsAutomatically()) {
            return Optional.empty();
        }
        var paused = automation.pausedState();
        if (paused.isPresent()) {
            return Optional.of("Automation is paused (by " + paused.get().changedBy + " at " + paused.get().changedAt + ")");
        }
        if (verdict.action() != DecisionAction.REFUND) {
            return Optional.empty();
        }
        Optional<String> fixed = refundLimits(verdict.amount(), refundableBalance);
        // The budget last, so nothing after it can overrule a refund that has taken its share.
        return fixed.isPresent() ? fixed : budgets.spend(verdict.amount());
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

}
