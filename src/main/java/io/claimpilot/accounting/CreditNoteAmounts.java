package io.claimpilot.accounting;

import java.math.BigDecimal;
import java.util.List;

/**
 * A refund split into a credit note's lines and VAT totals, in the currency's minor unit. The lines' gross amounts
 * add up to the refunded amount exactly; net + vat = gross on every line and in total.
 */
public record CreditNoteAmounts(String currency, List<CreditNoteLine> lines, List<VatByRate> vatByRate,
                                BigDecimal net, BigDecimal vat, BigDecimal gross) {
}
