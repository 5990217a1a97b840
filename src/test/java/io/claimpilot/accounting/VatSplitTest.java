package io.claimpilot.accounting;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.common.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The VAT split of a refund, exact to the minor unit, without Quarkus. */
class VatSplitTest {

    private static final BigDecimal DEFAULT_RATE = new BigDecimal("20.0");

    @Test
    void aSingleRateRefundIsOneLineWithItsVat() {
        Claim claim = claim("EUR").item("MUG-01", 2, "21.00", "20.0").build();

        CreditNoteAmounts amounts = split(claim, "42.00", "EUR");

        assertThat(amounts.lines()).containsExactly(line("MUG-01 × 2", "35.00", "7.00", "42.00", "20.0"));
        assertThat(amounts.vatByRate()).containsExactly(rate("20.0", "35.00", "7.00"));
        assertTotals(amounts, "35.00", "7.00", "42.00");
    }

    @Test
    void mixedRatesGiveALineEachAndTheVatPerRateOrderedByRate() {
        Claim claim = claim("EUR").item("MUG-01", 1, "24.00", "20.0").item("BOOK-01", 2, "10.55", "5.5").build();

        CreditNoteAmounts amounts = split(claim, "45.10", "EUR");

        assertThat(amounts.lines()).containsExactly(
                line("MUG-01 × 1", "20.00", "4.00", "24.00", "20.0"),
                line("BOOK-01 × 2", "20.00", "1.10", "21.10", "5.5"));
        assertThat(amounts.vatByRate()).containsExactly(rate("5.5", "20.00", "1.10"), rate("20.0", "20.00", "4.00"));
        assertTotals(amounts, "40.00", "5.10", "45.10");
    }

    @Test
    void aPartialRefundIsSharedAcrossTheRatesInProportionToTheLinesIncludingTax() {
        Claim claim = claim("EUR").item("MUG-01", 1, "24.00", "20.0").item("BOOK-01", 2, "10.55", "5.5").build();

        CreditNoteAmounts amounts = split(claim, "20.00", "EUR");

        // 20.00 × 21.10 / 45.10 = 9.3569… → 9.36; the largest line (the mug) takes the rest, 10.64.
        // VAT: 10.64 × 20 / 120 = 1.7733… → 1.77; 9.36 × 5.5 / 105.5 = 0.4879… → 0.49.
        assertThat(amounts.lines()).containsExactly(
                line("MUG-01 × 1", "8.87", "1.77", "10.64", "20.0"),
                line("BOOK-01 × 2", "8.87", "0.49", "9.36", "5.5"));
        assertThat(amounts.vatByRate()).containsExactly(rate("5.5", "8.87", "0.49"), rate("20.0", "8.87", "1.77"));
        assertTotals(amounts, "17.74", "2.26", "20.00");
    }

    @Test
    void shippingWithoutARateFollowsMixedGoodsRatesInProportionToTheirValueBeforeTax() {
        // Goods worth 20.00 before tax at each rate: the 6.00 of shipping is 3.00 at 5.5 % and 3.00 at 20 %.
        Claim claim = claim("EUR").item("MUG-01", 1, "24.00", "20.0").item("BOOK-01", 2, "10.55", "5.5")
                .shipping("6.00", null).build();

        CreditNoteAmounts amounts = split(claim, "51.10", "EUR");

        assertThat(amounts.lines()).containsExactly(
                line("MUG-01 × 1", "20.00", "4.00", "24.00", "20.0"),
                line("BOOK-01 × 2", "20.00", "1.10", "21.10", "5.5"),
                line("Shipping", "2.84", "0.16", "3.00", "5.5"),
                line("Shipping", "2.50", "0.50", "3.00", "20.0"));
        assertThat(amounts.vatByRate()).containsExactly(rate("5.5", "22.84", "1.26"), rate("20.0", "22.50", "4.50"));
        assertTotals(amounts, "45.34", "5.76", "51.10");
    }

    @Test
    void shippingWithItsOwnRateIsOneLineAtThatRate() {
        Claim claim = claim("EUR").item("BOOK-01", 1, "10.55", "5.5").shipping("4.80", "20.0").build();

        CreditNoteAmounts amounts = split(claim, "15.35", "EUR");

        assertThat(amounts.lines()).containsExactly(
                line("BOOK-01 × 1", "10.00", "0.55", "10.55", "5.5"),
                line("Shipping", "4.00", "0.80", "4.80", "20.0"));
    }

    @Test
    void theOddCentGoesOnTheLargestLineAndTheVatIsRoundedOncePerRate() {
        Claim claim = claim("EUR").item("MUG-01", 1, "10.00", "20.0").item("MUG-02", 1, "10.00", "20.0")
                .item("MUG-03", 1, "10.00", "20.0").build();

        CreditNoteAmounts amounts = split(claim, "10.00", "EUR");

        // 10.00 / 3 = 3.333…: 3.33 twice, the first of the equal largest lines takes 3.34. The rate's VAT is
        // 10.00 × 20 / 120 = 1.666… → 1.67, shared 0.55 + 0.56 + 0.56 (rounding each line alone would give 1.68).
        assertThat(amounts.lines()).containsExactly(
                line("MUG-01 × 1", "2.79", "0.55", "3.34", "20.0"),
                line("MUG-02 × 1", "2.77", "0.56", "3.33", "20.0"),
                line("MUG-03 × 1", "2.77", "0.56", "3.33", "20.0"));
        assertThat(amounts.vatByRate()).containsExactly(rate("20.0", "8.33", "1.67"));
        assertTotals(amounts, "8.33", "1.67", "10.00");
    }

    @Test
    void aVatOfExactlyHalfACentIsRoundedUp() {
        // 1.05 × 20 / 120 = 0.175: the tax rounds half up to 0.18, so the amount before tax is 0.87.
        CreditNoteAmounts amounts = split(claim("EUR").item("PIN-01", 1, "1.05", "20.0").build(), "1.05", "EUR");

        assertThat(amounts.lines()).containsExactly(line("PIN-01 × 1", "0.87", "0.18", "1.05", "20.0"));
    }

    @Test
    void taxExcludedPricesAreTurnedIntoAmountsIncludingTaxFirst() {
        Claim claim = claim("EUR").item("MUG-01", 2, "10.00", "20.0").item("BOOK-01", 1, "10.00", "5.5")
                .shipping("5.00", "20.0").taxExcluded().build();

        CreditNoteAmounts amounts = split(claim, "40.55", "EUR");

        assertThat(amounts.lines()).containsExactly(
                line("MUG-01 × 2", "20.00", "4.00", "24.00", "20.0"),
                line("BOOK-01 × 1", "10.00", "0.55", "10.55", "5.5"),
                line("Shipping", "5.00", "1.00", "6.00", "20.0"));
        assertTotals(amounts, "35.00", "5.55", "40.55");
    }

    @Test
    void yenHaveNoDecimals() {
        Claim claim = claim("JPY").item("TEA-01", 3, "1000", "8.0").item("CUP-01", 1, "2000", "10.0").build();

        CreditNoteAmounts amounts = split(claim, "1001", "JPY");

        // 1001 × 2000 / 5000 = 400.4 → 400; the tea (3000) takes 601. VAT: 601 × 8 / 108 = 44.5… → 45; 400 × 10 / 110 = 36.3… → 36.
        assertThat(amounts.lines()).containsExactly(
                line("TEA-01 × 3", "556", "45", "601", "8.0"),
                line("CUP-01 × 1", "364", "36", "400", "10.0"));
        assertTotals(amounts, "920", "81", "1001");
    }

    @Test
    void kuwaitiDinarsHaveThreeDecimals() {
        CreditNoteAmounts amounts = split(claim("KWD").item("LAMP-01", 1, "10.000", "5.0").build(), "7.500", "KWD");

        // 7.500 × 5 / 105 = 0.357142… → 0.357
        assertThat(amounts.lines()).containsExactly(line("LAMP-01 × 1", "7.143", "0.357", "7.500", "5.0"));
    }

    @Test
    void aClaimWithoutItemsIsOneLineAtTheClaimsDefaultRate() {
        Claim claim = claim("EUR").build();
        claim.orderId = "ORDER-77";

        CreditNoteAmounts amounts = split(claim, "42.00", "EUR");

        assertThat(amounts.lines()).containsExactly(line("Order ORDER-77", "35.00", "7.00", "42.00", "20.0"));
    }

    @Test
    void aClaimWithoutItemsButWithShippingSplitsTheClaimedAmountBetweenGoodsAndShipping() {
        Claim claim = claim("EUR").shipping("6.00", "20.0").build();
        claim.orderId = "ORDER-78";
        claim.amount = new BigDecimal("60.00");

        CreditNoteAmounts amounts = split(claim, "60.00", "EUR");

        assertThat(amounts.lines()).containsExactly(
                line("Order ORDER-78", "45.00", "9.00", "54.00", "20.0"),
                line("Shipping", "5.00", "1.00", "6.00", "20.0"));
    }

    @Test
    void anItemWithoutARateTakesTheDefaultRateGiven() {
        Claim claim = claim("EUR").item("MUG-01", 1, "10.55", null).build();

        CreditNoteAmounts amounts = VatSplit.split(claim, Money.of("10.55", "EUR"), new BigDecimal("5.5"));

        assertThat(amounts.lines()).containsExactly(line("MUG-01 × 1", "10.00", "0.55", "10.55", "5.5"));
    }

    @Test
    void aZeroRateLineHasNoVat() {
        CreditNoteAmounts amounts = split(claim("EUR").item("GIFT-CARD", 1, "50.00", "0").build(), "50.00", "EUR");

        assertThat(amounts.lines()).containsExactly(line("GIFT-CARD × 1", "50.00", "0.00", "50.00", "0.0"));
        assertThat(amounts.vatByRate()).containsExactly(rate("0.0", "50.00", "0.00"));
    }

    private static CreditNoteAmounts split(Claim claim, String refund, String currency) {
        return VatSplit.split(claim, Money.of(refund, currency), DEFAULT_RATE);
    }

    private static void assertTotals(CreditNoteAmounts amounts, String net, String vat, String gross) {
        assertThat(List.of(amounts.net(), amounts.vat(), amounts.gross()))
                .containsExactly(new BigDecimal(net), new BigDecimal(vat), new BigDecimal(gross));
    }

    static CreditNoteLine line(String description, String net, String vat, String gross, String rate) {
        return new CreditNoteLine(description, new BigDecimal(net), new BigDecimal(vat), new BigDecimal(gross), new BigDecimal(rate));
    }

    static VatByRate rate(String rate, String net, String vat) {
        return new VatByRate(new BigDecimal(rate), new BigDecimal(net), new BigDecimal(vat));
    }

    static ClaimBuilder claim(String currency) {
        return new ClaimBuilder(currency);
    }

    /** A claim as intake stores it, in memory only. */
    static final class ClaimBuilder {
        private final Claim claim = new Claim();
        private final List<ClaimItem> items = new ArrayList<>();

        ClaimBuilder(String currency) {
            claim.id = "cl-vat-split";
            claim.orderId = "ORDER-1";
            claim.currency = currency;
            claim.defaultTaxRate = DEFAULT_RATE;
        }

        ClaimBuilder item(String sku, int quantity, String unitPrice, String rate) {
            items.add(new ClaimItem(sku, quantity, Money.of(unitPrice, claim.currency), rate == null ? null : new BigDecimal(rate)));
            return this;
        }

        ClaimBuilder shipping(String amount, String rate) {
            claim.shippingAmount = new BigDecimal(amount);
            claim.shippingTaxRate = rate == null ? null : new BigDecimal(rate);
            return this;
        }

        ClaimBuilder taxExcluded() {
            claim.taxIncluded = false;
            return this;
        }

        Claim build() {
            claim.items = List.copyOf(items);
            return claim;
        }
    }
}
