package io.claimpilot.common;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in one ISO 4217 currency. JSON carries the amount as a decimal string
 * ({@code {"amount":"89.90","currency":"EUR"}}) so no binary floating point ever touches money.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    /**
     * The amount written with exactly the currency's decimals (89.9000 from the database becomes 89.90 EUR).
     * Never rounds: an amount with more significant decimals than the currency allows is returned as it is.
     */
    public static BigDecimal scaled(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return amount;
        }
        try {
            int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? amount : amount.setScale(digits, java.math.RoundingMode.UNNECESSARY);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return amount;
        }
    }

    /** The same money, written with the currency's decimals. */
    public static Money canonical(BigDecimal amount, String currency) {
        return new Money(scaled(amount, currency), currency);
    }

    public boolean sameCurrencyAs(Money other) {
        return other != null && Objects.equals(currency, other.currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
