package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rate a foreign note is booked at: the month's rate when configured, else the currency's, else a refusal. */
class ExchangeRateTest {

    @Test
    void theMonthsRateWinsOverTheCurrencysAndNoRateIsRefusedNamingTheCurrency() {
        RefundsJournal journal = new RefundsJournal();
        journal.settings = settings(Map.of("USD", new BigDecimal("0.92"), "USD-2026-11", new BigDecimal("0.93")));

        assertThat(journal.rate("USD", LocalDate.of(2026, 11, 30))).isEqualByComparingTo("0.93");
        assertThat(journal.rate("USD", LocalDate.of(2026, 12, 1))).isEqualByComparingTo("0.92");
        assertThatThrownBy(() -> journal.rate("GBP", LocalDate.of(2026, 11, 30)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.getMessage()).contains("GBP", "claimpilot.accounting.exchange-rates.GBP");
                    assertThat(problem.violations()).extracting(ApiProblem.FieldViolation::field).containsExactly("currency");
                });
    }

    private static AccountingSettings settings(Map<String, BigDecimal> rates) {
        return (AccountingSettings) Proxy.newProxyInstance(AccountingSettings.class.getClassLoader(),
                new Class<?>[]{AccountingSettings.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "exchangeRates" -> rates;
                    case "bookCurrency" -> "EUR";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
