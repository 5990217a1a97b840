package io.claimpilot.accounting;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.common.Money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /** 2,000 random claims from a fixed seed: a failure names its case and reproduces on every run. */
    @Test
    void theLinesAddUpToTheRefundAndNetPlusVatIsGrossEverywhere() {
        Random random = new Random(20261130L);
        for (int i = 0; i < 2_000; i++) {
            Case split = randomCase(random);
            try {
                check(split);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + ": " + split + "\n" + e.getMessage(), e);
            }
        }
    }

    private static void check(Case split) {
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

    private static final String[] CURRENCIES = {"EUR", "JPY", "KWD"};
    private static final String[] RATES = {"0", "2.1", "5.5", "8.25", "10", "20", "100"};

    /** Items, rates (sometimes none), shipping (sometimes none), prices in or out of tax, small and large refunds. */
    static Case randomCase(Random random) {
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        List<ClaimItem> items = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            items.add(new ClaimItem("SKU", 1 + random.nextInt(5), new Money(units(random, 500_000, digits), currency),
                    random.nextDouble() < 0.3 ? null : rate(random)));
        }
        Claim claim = new Claim();
        claim.orderId = "ORDER-P";
        claim.currency = currency;
        claim.items = items;
        claim.shippingAmount = random.nextDouble() < 0.4 ? null : units(random, 5_000, digits);
        claim.shippingTaxRate = random.nextDouble() < 0.3 ? null : rate(random);
        claim.taxIncluded = random.nextBoolean();
        BigDecimal refund = BigDecimal.valueOf(1 + random.nextInt(random.nextBoolean() ? 20 : 2_000_000), digits);
        claim.amount = refund;
        return new Case(claim, new Money(refund, currency), rate(random));
    }

    private static BigDecimal rate(Random random) {
        return new BigDecimal(RATES[random.nextInt(RATES.length)]);
    }

    private static BigDecimal units(Random random, int atMost, int digits) {
        return BigDecimal.valueOf(random.nextInt(atMost + 1), digits);
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
