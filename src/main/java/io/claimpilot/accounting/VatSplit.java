package io.claimpilot.accounting;

import io.claimpilot.claim.Claim;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * Splits a refunded amount into a credit note's lines and VAT per rate.
 * GROUNDWORK PLACEHOLDER: one line at the shop's default rate. The tax-inputs part of #14 replaces it with the split
 * across the claim's items, rates and shipping.
 */
@ApplicationScoped
public class VatSplit {

    @Inject
    AccountingSettings settings;

    public CreditNoteAmounts split(Claim claim, Money refund) {
        int digits = Math.max(0, Currency.getInstance(refund.currency()).getDefaultFractionDigits());
        BigDecimal gross = refund.amount().setScale(digits, RoundingMode.UNNECESSARY);
        BigDecimal rate = settings.defaultTaxRate();
        BigDecimal net = gross.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(100).add(rate), digits, RoundingMode.HALF_UP);
        BigDecimal vat = gross.subtract(net);
        return new CreditNoteAmounts(refund.currency(), List.of(new CreditNoteLine("Refund of order " + claim.orderId, net, vat, gross, rate)),
                List.of(new VatByRate(rate, net, vat)), net, vat, gross);
    }
}
