package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The accountant's page, English here, French in {@code messages/acct_fr.properties} (own bundle: see SignInMessages). */
@MessageBundle(value = "acct", locale = "en")
public interface AccountingMessages {

    @Message("Accounting")
    String nav();

    @Message("Credit notes, the refunds journal (FEC and CSV) and the reconciliation with the payment providers.")
    String navText();

    @Message("Accounting")
    String title();

    @Message("From {from} to {to}, both days included ({zone}).")
    String period(String from, String to, String zone);

    @Message("From")
    String from();

    @Message("To")
    String to();

    @Message("Show")
    String show();

    @Message("Totals per currency and VAT rate")
    String totals();

    @Message("Currency")
    String currency();

    @Message("VAT rate")
    String taxRate();

    @Message("Credit notes")
    String notes();

    @Message("Before tax")
    String net();

    @Message("VAT")
    String vat();

    @Message("Including tax")
    String gross();

    @Message("The refunds journal")
    String journal();

    @Message("FEC (fichier des écritures comptables, ISO-8859-15)")
    String downloadFec();

    @Message("CSV for spreadsheets (UTF-8)")
    String downloadCsv();

    @Message("Number")
    String number();

    @Message("Date")
    String date();

    @Message("Claim")
    String claim();

    @Message("Reason code")
    String reasonCode();

    @Message("PDF")
    String pdf();

    @Message("The first {shown} of {total} notes; the journal has them all.")
    String notesTruncated(int shown, long total);

    @Message("Reconciliation")
    String reconciliation();

    @Message("Exceptions: refunds to look at")
    String exceptions();

    @Message("What")
    String kind();

    @Message("Amount")
    String amount();

    @Message("When")
    String when();

    @Message("Provider")
    String provider();

    @Message("Reference")
    String reference();

    @Message("Not confirmed after {hours} h")
    String unconfirmed(long hours);

    @Message("Failed")
    String failed();

    @Message("Made outside ClaimPilot")
    String external();

    @Message("Paid without a provider reference")
    String noProviderReference();

    @Message("order {order}")
    String order(String order);

    @Message("Per day and currency")
    String perDay();

    @Message("Day")
    String day();

    @Message("Decided")
    String decided();

    @Message("Confirmed")
    String confirmed();

    @Message("External")
    String externalTotal();

    @Message("Nothing in this period.")
    String empty();

    @Message("No exception in this period.")
    String noException();
}
