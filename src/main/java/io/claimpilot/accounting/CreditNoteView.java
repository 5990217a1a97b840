package io.claimpilot.accounting;

import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note as the API gives it. Amounts are decimal strings with the currency's decimals ("42.00", never
 * "42.0000" as stored), rates as percentages ("20.0", "5.5"). The customer is their name, or their id when no name is
 * known (after erasure, the pseudonym).
 */
public record CreditNoteView(String number, Instant issuedAt, LocalDate issueDate, String claimId, String orderId,
                             String invoiceNumber, LocalDate invoiceDate, String customer, String reasonCode,
                             String currency, List<Line> lines, List<Rate> vatByRate, String net, String vat, String gross) {

    public record Line(String description, String net, String vat, String gross, String taxRate) {
    }

    public record Rate(String taxRate, String net, String vat) {
    }

    public static CreditNoteView of(CreditNote note) {
        String currency = note.currency;
        List<Line> lines = note.lines.stream().map(line -> new Line(line.description(), amount(line.net(), currency),
                amount(line.vat(), currency), amount(line.gross(), currency), rate(line.taxRate()))).toList();
        List<Rate> rates = note.vatByRate.stream().map(rate -> new Rate(rate(rate.taxRate()), amount(rate.net(), currency),
                amount(rate.vat(), currency))).toList();
        String customer = note.customerName == null || note.customerName.isBlank() ? note.customerId : note.customerName;
        return new CreditNoteView(note.number, note.issuedAt, note.issueDate, note.claimId, note.orderId, note.invoiceNumber,
                note.invoiceDate, customer, note.reasonCode, currency, lines, rates, amount(note.net, currency),
                amount(note.vat, currency), amount(note.gross, currency));
    }

    static String amount(BigDecimal amount, String currency) {
        return amount == null ? null : Money.scaled(amount, currency).toPlainString();
    }

    /** 20 → "20.0", 5.50 → "5.5": one decimal at least, no trailing zeros beyond it. */
    static String rate(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        BigDecimal plain = rate.stripTrailingZeros();
        return (plain.scale() < 1 ? plain.setScale(1) : plain).toPlainString();
    }
}
