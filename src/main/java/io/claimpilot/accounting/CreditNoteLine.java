package io.claimpilot.accounting;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/** One line of a credit note: what was refunded, before tax, its VAT and the amount including tax. */
public record CreditNoteLine(String description,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal vat,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gross,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal taxRate) {
}
