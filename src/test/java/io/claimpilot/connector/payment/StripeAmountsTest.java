package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;
import io.claimpilot.outbox.ActionFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeAmountsTest {

    @Test
    void twoDecimalCurrenciesAreSentInCents() {
        assertThat(StripeAmounts.minorUnits(Money.of("89.90", "EUR"))).isEqualTo(8990);
        assertThat(StripeAmounts.minorUnits(Money.of("0.5", "USD"))).isEqualTo(50);
        assertThat(StripeAmounts.minorUnits(Money.of("12", "GBP"))).isEqualTo(1200);
    }

    @Test
    void zeroDecimalCurrenciesAreSentAsTheyAre() {
        assertThat(StripeAmounts.minorUnits(Money.of("500", "JPY"))).isEqualTo(500);
        assertThat(StripeAmounts.minorUnits(Money.of("15000", "KRW"))).isEqualTo(15000);
        assertThat(StripeAmounts.minorUnits(Money.of("250000", "VND"))).isEqualTo(250000);
        assertThat(StripeAmounts.minorUnits(Money.of("9900.00", "CLP"))).isEqualTo(9900);
    }

    @Test
    void threeDecimalCurrenciesEndInZeroAndNeverRoundUp() {
        assertThat(StripeAmounts.minorUnits(Money.of("5.120", "KWD"))).isEqualTo(5120);
        assertThat(StripeAmounts.minorUnits(Money.of("5.124", "KWD"))).isEqualTo(5120);
        assertThat(StripeAmounts.minorUnits(Money.of("1.5", "BHD"))).isEqualTo(1500);
    }

    @Test
    void iskIsTwoDecimalInTheApiButOnlyWholeKronur() {
        assertThat(StripeAmounts.minorUnits(Money.of("5", "ISK"))).isEqualTo(500);
        assertThatThrownBy(() -> StripeAmounts.minorUnits(Money.of("5.50", "ISK"))).isInstanceOf(ActionFailure.class);
    }

    @Test
    void anAmountWithTooManyDecimalsIsRefusedNotRounded() {
        assertThatThrownBy(() -> StripeAmounts.minorUnits(Money.of("10.5", "JPY")))
                .isInstanceOf(ActionFailure.class)
                .satisfies(e -> assertThat(((ActionFailure) e).kind()).isEqualTo(ActionFailure.Kind.PERMANENT));
        assertThatThrownBy(() -> StripeAmounts.minorUnits(Money.of("10.005", "EUR"))).isInstanceOf(ActionFailure.class);
    }
}
