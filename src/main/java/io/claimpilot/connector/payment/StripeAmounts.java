package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;
import io.claimpilot.outbox.ActionFailure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/**
 * Amounts as Stripe wants them: an integer in the currency's smallest unit (https://docs.stripe.com/currencies).
 * Money stays BigDecimal everywhere else; this is the one place it becomes minor units, and back.
 */
final class StripeAmounts {

    /** Charged as they are: 500 JPY is {@code 500}. */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Three decimals, and Stripe's partners need the last digit to be 0. */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /** What Stripe reports in minor units, as money again: {@code 8990} in {@code eur} is 89.90 EUR. */
    static Money money(long minorUnits, String stripeCurrency) {
        String currency = stripeCurrency.toUpperCase(Locale.ROOT);
        return Money.canonical(BigDecimal.valueOf(minorUnits).movePointLeft(exponent(currency)), currency);
    }

    private static int exponent(String currency) {
        return ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    static long minorUnits(Money money) {
        String currency = money.currency().toUpperCase(Locale.ROOT);
        int exponent = exponent(currency);
        BigDecimal minor = money.amount().movePointRight(exponent);
        if (minor.stripTrailingZeros().scale() > 0) {
            // Never round a refund up or down silently: the amount is wrong for this currency.
            throw ActionFailure.permanent(money + " has more decimals than Stripe takes for " + currency, null);
        }
        long units = minor.longValueExact();
        if (THREE_DECIMAL.contains(currency) && units % 10 != 0) {
            // Stripe: "round amounts to the nearest ten". Down, so we never refund more than was approved.
            units = BigDecimal.valueOf(units).divide(BigDecimal.TEN, 0, RoundingMode.DOWN).longValueExact() * 10;
        }
        if (currency.equals("ISK") && units % 100 != 0) {
            // ISK stays two-decimal in Stripe's API, but only whole krónur are accepted.
            throw ActionFailure.permanent(money + ": Stripe takes only whole ISK amounts", null);
        }
        return units;
    }
}
