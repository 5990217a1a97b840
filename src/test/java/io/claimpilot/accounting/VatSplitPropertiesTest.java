package io.claimpilot.accounting;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.common.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the items, rates, shipping, currency and refund: the lines add up to the refund and net + VAT = gross. */
class VatSplitPropertiesTest {

    /** A claim and a refund to split, in one currency. */
    record Case(Claim claim, Money refund, BigDecimal defaultRate) {
        @Override
        public String toString() {
            return "refund " + refund + ", items " + claim.items + ", shipping " + claim.shippingAmount + " at "
                    + claim.shippingTaxRate + ", taxIncluded " + claim.taxIncluded + ", default " + defaultRate;
        }
    }

    @Property(tries = 2000)
    void theLinesAddUpToTheRefundAndNetPlusVatIsGrossEverywhere(@ForAll("cases") Case split) {
        CreditNoteAmounts amounts = VatSplit.split(split.claim(), split.refund(), split.defaultRate());
        int digits = Currency.getInstance(split.refund().currency()).getDefaultFractionDigits();

        assertThat(amounts.currency()).isEqualTo(split.refund().currency());
        assertThat(amounts.lines()).isNotEmpty();
        assertThat(sum(amounts.lines().stream().map(CreditNoteLine::gross).toList())).isEqualByComparingTo(split.refund().amount());
        for (CreditNoteLine line : amounts.lines()) {
            assertThat(line.net().add(line.vat())).as("net + vat of %s", line).isEqualByComparingTo(line.gross());
            assertThat(line.gross().signum()).as("gross of %s", line).isPositive();
            assertThat(line.net().signum()).as("net of %s", line).isNotNegative();
            assertThat(line.vat().signum()).as("vat of %s", line).isNotNegative();
            assertThat(List.of(line.net().scale(), line.vat().scale(), line.gross().scale())).containsOnly(digits);
        }
        Map<BigDecimal, List<CreditNoteLine>> byRate = amounts.lines().stream()
                .collect(Collectors.groupingBy(CreditNoteLine::taxRate));
        assertThat(amounts.vatByRate()).hasSize(byRate.size());
        assertThat(amounts.vatByRate()).isSortedAccordingTo((a, b) -> a.taxRate().compareTo(b.taxRate()));
        for (VatByRate rate : amounts.vatByRate()) {
            List<CreditNoteLine> lines = byRate.get(rate.taxRate());
            assertThat(sum(lines.stream().map(CreditNoteLine::net).toList())).isEqualByComparingTo(rate.net());
            assertThat(sum(lines.stream().map(CreditNoteLine::vat).toList())).isEqualByComparingTo(rate.vat());
            // The rate's VAT is its gross's VAT rounded once, half up.
            BigDecimal gross = rate.net().add(rate.vat());
            assertThat(rate.vat()).isEqualByComparingTo(gross.multiply(rate.taxRate())
                    .divide(BigDecimal.valueOf(100).add(rate.taxRate()), digits, RoundingMode.HALF_UP));
        }
        assertThat(amounts.net().add(amounts.vat())).isEqualByComparingTo(amounts.gross());
        assertThat(amounts.gross()).isEqualByComparingTo(split.refund().amount());
        assertThat(amounts.vat()).isEqualByComparingTo(sum(amounts.vatByRate().stream().map(VatByRate::vat).toList()));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of("EUR", "JPY", "KWD").flatMap(currency -> {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            Arbitrary<BigDecimal> rates = Arbitraries.of("0", "2.1", "5.5", "8.25", "10", "20", "100").map(BigDecimal::new);
            Arbitrary<BigDecimal> optionalRates = rates.injectNull(0.3);
            Arbitrary<BigDecimal> prices = Arbitraries.longs().between(0, 500_000).map(units -> BigDecimal.valueOf(units, digits));
            Arbitrary<ClaimItem> items = Combinators.combine(Arbitraries.integers().between(1, 5), prices, optionalRates)
                    .as((quantity, price, rate) -> new ClaimItem("SKU", quantity, new Money(price, currency), rate));
            Arbitrary<BigDecimal> shipping = Arbitraries.longs().between(0, 5_000).map(units -> BigDecimal.valueOf(units, digits))
                    .injectNull(0.4);
            Arbitrary<BigDecimal> refunds = Arbitraries.oneOf(Arbitraries.longs().between(1, 20),
                    Arbitraries.longs().between(1, 2_000_000)).map(units -> BigDecimal.valueOf(units, digits));
            return Combinators.combine(items.list().ofMaxSize(8), shipping, optionalRates, Arbitraries.of(true, false), refunds,
                    rates).as((claimItems, shippingAmount, shippingRate, taxIncluded, refund, defaultRate) -> {
                Claim claim = new Claim();
                claim.orderId = "ORDER-P";
                claim.currency = currency;
                claim.items = claimItems;
                claim.shippingAmount = shippingAmount;
                claim.shippingTaxRate = shippingRate;
                claim.taxIncluded = taxIncluded;
                claim.amount = refund;
                return new Case(claim, new Money(refund, currency), defaultRate);
            });
        });
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
