package io.claimpilot.accounting;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/** A credit note's total for one VAT rate. */
public record VatByRate(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal taxRate,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal vat) {
}
