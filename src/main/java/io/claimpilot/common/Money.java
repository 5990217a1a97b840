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

    public boolean sameCurrencyAs(Money other) {
        return other != null && Objects.equals(currency, other.currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
