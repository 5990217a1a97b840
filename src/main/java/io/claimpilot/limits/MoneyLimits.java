package io.claimpilot.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Hard money limits, in Java and configuration, never in rules: a policy can be stricter, never looser.
 * Each limit is per ISO 4217 currency; a currency without a limit is never refunded automatically.
 */
@ConfigMapping(prefix = "claimpilot.limits")
public interface MoneyLimits {

    /** The largest refund the automation may approve for one claim. */
    Map<String, BigDecimal> maxAutoRefund();

    /** The default daily total of automatic refunds; admins can change it at runtime. */
    Map<String, BigDecimal> dailyAutoRefundBudget();

    /** Agent refunds above this need a second agent's approval. */
    Map<String, BigDecimal> fourEyesAbove();

    /** Share of the daily budget from which the automation status warns. */
    @WithDefault("0.80")
    BigDecimal budgetWarningRatio();
}
