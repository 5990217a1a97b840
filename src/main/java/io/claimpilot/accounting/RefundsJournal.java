package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.privacy.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The refunds journal of a period, built from the credit notes as issued (their amounts and the ledger accounts
 * mapped at issue time) and the refunds' outbox actions (when the provider confirmed the payment, its reference).
 * <ul>
 *   <li>A credit note issued in the period gives one entry in the credit notes' journal (AV): the amount before tax
 *       debited to the revenue account and the VAT to the VAT account, per rate, and the amount including tax
 *       credited to the customer's account.</li>
 *   <li>A refund paid in the period gives one entry in the payment's journal (BQ, or the provider's): the customer's
 *       account debited, the payment account (512 bank, 467 a provider) credited.</li>
 * </ul>
 * The two customer lines of a note carry the same letter, so the customer's account shows them settled.
 */
@ApplicationScoped
public class RefundsJournal {

    /** The French chart of accounts' names of the default accounts; {@code claimpilot.accounting.account-labels.*} overrides. */
    static final Map<String, String> CHART_NAMES = Map.of(
            "707", "Ventes de marchandises",
            "709", "Rabais, remises et ristournes accordés",
            "7091", "RRR accordés sur ventes de produits finis",
            "7097", "RRR accordés sur ventes de marchandises",
            "44571", "TVA collectée",
            "411", "Clients",
            "467", "Autres comptes débiteurs ou créditeurs",
            "512", "Banques",
            "6242", "Transports sur ventes");

    @Inject
    EntityManager em;
    @Inject
    AccountingSettings settings;
    @Inject
    Pseudonyms pseudonyms;

    /** A credit note with what its refund's outbox action says about the payment. */
    record Paid(CreditNote note, Instant paidAt, String providerReference) {
    }

    /** The journal lines of the period, entry by entry in date order, each entry balanced. */
    @Transactional
    public List<JournalLine> lines(AccountingPeriod period) {
        List<JournalLine> lines = new ArrayList<>();
        List<Paid> notes = notesIn(period);
        record Entry(LocalDate date, long order, List<JournalLine> lines) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Paid paid : notes) {
            CreditNote note = paid.note();
            Conversion conversion = conversion(note);
            LocalDate paidOn = LocalDate.ofInstant(paid.paidAt(), settings.zone());
            long order = note.year * 10_000_000_000L + note.sequenceNumber;
            List<JournalLine> noteLines = noteEntry(note, paidOn, conversion);
            if (period.contains(note.issueDate)) {
                entries.add(new Entry(note.issueDate, order * 2, noteLines));
            }
            if (period.contains(paidOn)) {
                // The same amount as the note's credit to the customer (its last line), so the letter matches.
                BigDecimal gross = noteLines.get(noteLines.size() - 1).credit();
                entries.add(new Entry(paidOn, order * 2 + 1, paymentEntry(paid, paidOn, gross, conversion)));
            }
        }
        entries.sort(Comparator.comparing(Entry::date).thenComparingLong(Entry::order));
        entries.forEach(entry -> lines.addAll(entry.lines()));
        return lines;
    }

    private List<Paid> notesIn(AccountingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.number, coalesce(o.completed_at, n.issued_at), o.provider_reference"
                        + " from credit_note n join outbox o on o.id = n.refund_action_id"
                        + " where n.issue_date between :first and :last"
                        + " or (coalesce(o.completed_at, n.issued_at) >= :start and coalesce(o.completed_at, n.issued_at) < :end)")
                .setParameter("first", period.first())
                .setParameter("last", period.last())
                .setParameter("start", period.start())
                .setParameter("end", period.end())
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, CreditNote> byNumber = new HashMap<>();
        List<String> numbers = rows.stream().map(row -> (String) row[0]).toList();
        for (int i = 0; i < numbers.size(); i += 1000) {
            CreditNote.<CreditNote>list("number in ?1", numbers.subList(i, Math.min(numbers.size(), i + 1000)))
                    .forEach(note -> byNumber.put(note.number, note));
        }
        return rows.stream().map(row -> new Paid(byNumber.get((String) row[0]), instant(row[1]), (String) row[2])).toList();
    }

    private List<JournalLine> noteEntry(CreditNote note, LocalDate paidOn, Conversion conversion) {
        String journal = settings.creditNoteJournal();
        String journalLabel = settings.creditNoteJournalLabel();
        String label = "Avoir " + note.number + " " + note.reasonCode + " commande " + note.orderId;
        List<JournalLine> lines = new ArrayList<>();
        BigDecimal debits = BigDecimal.ZERO;
        List<VatByRate> rates = note.vatByRate == null || note.vatByRate.isEmpty()
                ? List.of(new VatByRate(null, note.net, note.vat)) : note.vatByRate;
        for (VatByRate rate : rates) {
            String percent = rate.taxRate() == null ? "" : " TVA " + rate.taxRate().stripTrailingZeros().toPlainString() + " %";
            if (rate.net().signum() != 0) {
                BigDecimal net = conversion.toBooks(rate.net());
                debits = debits.add(net);
                lines.add(line(journal, journalLabel, note.number, note.issueDate, note.revenueAccount, null, null, note,
                        label + " HT" + percent, net, BigDecimal.ZERO, null, null, conversion.foreign(rate.net())));
            }
            if (rate.vat().signum() != 0) {
                BigDecimal vat = conversion.toBooks(rate.vat());
                debits = debits.add(vat);
                lines.add(line(journal, journalLabel, note.number, note.issueDate, note.vatAccount, null, null, note,
                        label + percent, vat, BigDecimal.ZERO, null, null, conversion.foreign(rate.vat())));
            }
        }
        // The customer's line is the sum of the converted debits, so the entry balances whatever the rounding.
        lines.add(line(journal, journalLabel, note.number, note.issueDate, note.customerAccount, customerAccount(note),
                customerName(note), note, label, BigDecimal.ZERO, debits, letter(note), paidOn, conversion.foreign(note.gross)));
        return lines;
    }

    private List<JournalLine> paymentEntry(Paid paid, LocalDate paidOn, BigDecimal gross, Conversion conversion) {
        CreditNote note = paid.note();
        String provider = note.paymentProvider == null ? "" : note.paymentProvider;
        String journal = settings.paymentJournals().getOrDefault(provider, settings.defaultPaymentJournal());
        String journalLabel = provider.isEmpty() ? "Remboursements clients" : "Remboursements " + provider;
        String entryNumber = note.number + "-R";
        String label = "Remboursement " + note.number + (provider.isEmpty() ? "" : " " + provider)
                + (paid.providerReference() == null ? "" : " " + paid.providerReference());
        return List.of(
                line(journal, journalLabel, entryNumber, paidOn, note.customerAccount, customerAccount(note), customerName(note),
                        note, label, gross, BigDecimal.ZERO, letter(note), paidOn, conversion.foreign(note.gross)),
                line(journal, journalLabel, entryNumber, paidOn, note.paymentAccount, null, null, note, label,
                        BigDecimal.ZERO, gross, null, null, conversion.foreign(note.gross)));
    }

    private JournalLine line(String journal, String journalLabel, String entryNumber, LocalDate date, String account,
                             String auxiliary, String auxiliaryLabel, CreditNote note, String label, BigDecimal debit,
                             BigDecimal credit, String letter, LocalDate letterDate, Foreign foreign) {
        return new JournalLine(journal, journalLabel, entryNumber, date, account, accountLabel(account), auxiliary,
                auxiliaryLabel, note.number, note.issueDate, label, debit, credit, letter, letterDate, date,
                foreign == null ? null : foreign.amount(), foreign == null ? null : foreign.currency());
    }

    String accountLabel(String account) {
        String configured = settings.accountLabels().get(account);
        if (configured != null) {
            return configured;
        }
        return CHART_NAMES.getOrDefault(account, "Compte " + account);
    }

    /** The letter that matches a note's credit to the customer with the payment's debit: the note's number, unique. */
    private static String letter(CreditNote note) {
        return note.number;
    }

    /**
     * The customer's auxiliary account: the prefix and a key derived from the erasure pseudonym of the customer id, so
     * it never shows the id or the e-mail and stays the same after the customer is erased (the note then holds the
     * pseudonym itself).
     */
    String customerAccount(CreditNote note) {
        String pseudonym;
        if (note.customerId == null || note.customerId.isBlank()) {
            pseudonym = pseudonyms.customerId("order:" + note.orderId);
        } else if (note.customerId.startsWith(ERASED)) {
            pseudonym = note.customerId;
        } else {
            pseudonym = pseudonyms.customerId(note.customerId);
        }
        String key = pseudonym.substring(ERASED.length());
        return settings.customerAccountPrefix() + key.substring(0, Math.min(KEY_LENGTH, key.length())).toUpperCase(Locale.ROOT);
    }

    private static String customerName(CreditNote note) {
        return note.customerName == null || note.customerName.isBlank() ? "Client" : note.customerName;
    }

    private static final String ERASED = "anon_";
    /** 12 hex digits (48 bits): short enough for accounting packages' auxiliary accounts, far from collisions. */
    private static final int KEY_LENGTH = 12;

    private Conversion conversion(CreditNote note) {
        String books = settings.bookCurrency();
        int digits = Math.max(0, Currency.getInstance(books).getDefaultFractionDigits());
        if (note.currency.equals(books)) {
            return new Conversion(null, null, digits);
        }
        BigDecimal rate = rate(note.currency, note.issueDate);
        return new Conversion(rate, note.currency, digits);
    }

    /** The configured rate of a currency for the month of a date, else for the currency; refused when there is none. */
    BigDecimal rate(String currency, LocalDate day) {
        Map<String, BigDecimal> rates = settings.exchangeRates();
        BigDecimal rate = rates.get(currency + "-" + YearMonth.from(day));
        if (rate == null) {
            rate = rates.get(currency);
        }
        if (rate == null || rate.signum() <= 0) {
            throw new ApiProblem(422, "No exchange rate",
                    "The period has credit notes in " + currency + ", and no exchange rate to " + settings.bookCurrency()
                            + " is configured for it: set claimpilot.accounting.exchange-rates." + currency + " (or "
                            + currency + "-" + YearMonth.from(day) + " for that month)",
                    List.of(new ApiProblem.FieldViolation("currency", currency + " has no exchange rate to "
                            + settings.bookCurrency())));
        }
        return rate;
    }

    record Foreign(BigDecimal amount, String currency) {
    }

    /** Amounts of a note in the books' currency; null rate: the note is in the books' currency already. */
    record Conversion(BigDecimal rate, String currency, int digits) {
        BigDecimal toBooks(BigDecimal amount) {
            BigDecimal converted = rate == null ? amount : amount.multiply(rate);
            return converted.setScale(digits, RoundingMode.HALF_UP);
        }

        Foreign foreign(BigDecimal amount) {
            return rate == null ? null : new Foreign(io.claimpilot.common.Money.scaled(amount, currency), currency);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
