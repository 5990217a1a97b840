package io.claimpilot.accounting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The shop's accounting set-up: tax defaults, the credit note series, the books' currency and its legal details. */
@ConfigMapping(prefix = "claimpilot.accounting")
public interface AccountingSettings {

    /** The VAT rate, in percent, of a claim line that names none. */
    @WithDefault("20.0")
    BigDecimal defaultTaxRate();

    /** The credit notes' series: AV gives AV-2026-000001. */
    @WithDefault("AV")
    String creditNotePrefix();

    /** The currency the books are kept in; the journal gives other currencies' amounts in Montantdevise/Idevise. */
    @WithDefault("EUR")
    String bookCurrency();

    /** The shop's legal time zone: a credit note's date and year, and the journal's dates, are taken in it. */
    @WithDefault("Europe/Paris")
    java.time.ZoneId zone();

    /** A refund approved but not confirmed after this long is an exception in the reconciliation. */
    @WithDefault("48h")
    Duration unconfirmedAfter();

    /** The customer's auxiliary account: this prefix plus a pseudonymous customer key (CompAuxNum). */
    @WithDefault("C")
    String customerAccountPrefix();

    /**
     * The account a refund's payment is credited to, per payment provider (512 bank, 467 a provider's account). No
     * {@code @WithDefault} on these maps: on a map it is the value of every missing key, so "{}" became the account of
     * any provider not listed.
     */
    Map<String, String> paymentAccounts();

    /** The account of a provider missing from {@link #paymentAccounts()}. */
    @WithDefault("512")
    String defaultPaymentAccount();

    /**
     * The rate that turns one unit of a foreign currency into the books' currency, per currency ({@code USD=0.92}),
     * optionally per month of the credit note ({@code USD-2026-11=0.93}, which wins for that month). A journal with a
     * note in a currency without a rate is refused: the books never get an invented amount.
     */
    Map<String, BigDecimal> exchangeRates();

    /** The journal of the credit notes (JournalCode, JournalLib). */
    @WithDefault("AV")
    String creditNoteJournal();

    @WithDefault("Avoirs clients")
    String creditNoteJournalLabel();

    /** The journal of the refunds' payments, per payment provider; providers missing here use {@link #defaultPaymentJournal()}. */
    Map<String, String> paymentJournals();

    @WithDefault("BQ")
    String defaultPaymentJournal();

    /** The ledger accounts' names in the journal (CompteLib), per account number, over the French chart's names. */
    Map<String, String> accountLabels();

    /** The shop's legal details, printed on every credit note and naming the FEC file. */
    Shop shop();

    interface Shop {
        @WithDefault("ClaimPilot Demo Shop")
        String name();

        @WithDefault("1 rue de la Paix, 75002 Paris, France")
        String address();

        /** The SIREN (9 digits): the FEC file is named {SIREN}FEC{date}.txt. */
        @WithDefault("000000000")
        String siren();

        Optional<String> vatNumber();
    }
}
