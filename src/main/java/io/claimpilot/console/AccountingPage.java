package io.claimpilot.console;

import io.claimpilot.accounting.AccountingPeriod;
import io.claimpilot.accounting.AccountingSettings;
import io.claimpilot.accounting.CreditNote;
import io.claimpilot.accounting.CreditNoteTotals;
import io.claimpilot.accounting.JournalExport;
import io.claimpilot.accounting.Reconciliation;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The accountant's page: a period, its credit notes (totals per currency and VAT rate, each note with its PDF), the
 * refunds journal to download, and the reconciliation's exceptions with links to their claims. The console session
 * does not open the API (an API key does), so the downloads have console routes that call the same services.
 */
@Path("/console/accounting")
@RolesAllowed({Roles.ACCOUNTANT, Roles.ADMIN})
public class AccountingPage extends ConsolePage {

    /** The notes listed on the page; the journal has every one. */
    static final int NOTES_SHOWN = 200;

    @Inject
    CreditNoteTotals totals;
    @Inject
    Reconciliation reconciliation;
    @Inject
    JournalExport export;
    @Inject
    AccountingSettings settings;
    @Inject
    Clock clock;
    @Inject
    io.claimpilot.accounting.CreditNoteRegister register;
    @Inject
    io.claimpilot.accounting.CreditNotePdf pdf;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance accounting(Books books, String error);
    }

    @TemplateData
    public record RateRow(String id, String currency, String taxRate, long notes, String net, String vat, String gross) {
    }

    @TemplateData
    public record NoteRow(String number, String date, String claimId, String reasonCode, String net, String vat,
                          String gross, String pdf) {
    }

    @TemplateData
    public record ExceptionRow(String id, String kind, String claimId, String claimUrl, String order, String amount,
                               String when, String provider, String reference) {
    }

    @TemplateData
    public record DayRow(String day, String currency, String decided, String confirmed, String failed, String external) {
    }

    @TemplateData
    public record Books(String from, String to, String period, List<RateRow> rates, List<NoteRow> notes,
                       String notesTruncated, String fec, String csv, List<ExceptionRow> exceptions, List<DayRow> days) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response books(@QueryParam("from") String from, @QueryParam("to") String to) {
        AccountingMessages text = MessageBundles.get(AccountingMessages.class, Localized.Literal.of(console.lang()));
        try {
            AccountingPeriod period = AccountingPeriod.parse(from, to, clock, settings.zone());
            return Response.ok(page(Templates.accounting(books(period, text), null))).build();
        } catch (ApiProblem refused) {
            Books empty = new Books(from == null ? "" : from.strip(), to == null ? "" : to.strip(), "", List.of(), List.of(),
                    null, null, null, List.of(), List.of());
            return page(refused.status(), Templates.accounting(empty, refused.getMessage()));
        }
    }

    /** The journal as a file, for the signed-in accountant: the same export as {@code GET /api/accounting/journal}. */
    @GET
    @Path("/journal")
    @Produces({"text/plain", "text/csv", MediaType.TEXT_HTML})
    public Response journal(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("format") String format) {
        AccountingPeriod period = AccountingPeriod.parse(from, to, clock, settings.zone());
        return export.download(period, JournalExport.Format.parse(format)).response();
    }

    /** A credit note's PDF, for the signed-in accountant: the same document as {@code GET /api/credit-notes/{number}.pdf}. */
    @GET
    @Path("/credit-notes/{number}.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Response creditNotePdf(@jakarta.ws.rs.PathParam("number") String number, @QueryParam("lang") String language) {
        // find() checks the number against [A-Za-z0-9_-] (404 otherwise): safe in the header as it is.
        CreditNote note = register.find(number);
        return Response.ok(pdf.render(note, language), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + note.number + ".pdf\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private Books books(AccountingPeriod period, AccountingMessages text) {
        List<RateRow> rates = totals.perCurrencyAndRate(period).stream()
                .map(r -> new RateRow("rate-" + r.currency() + "-" + (r.taxRate() == null ? "none" : r.taxRate().toPlainString()),
                        r.currency(), r.taxRate() == null ? "" : r.taxRate().toPlainString() + " %", r.notes(),
                        money(r.net(), r.currency()), money(r.vat(), r.currency()), money(r.gross(), r.currency())))
                .toList();
        List<CreditNote> notes = totals.notes(period, NOTES_SHOWN);
        long count = notes.size() < NOTES_SHOWN ? notes.size() : totals.count(period);
        List<NoteRow> noteRows = notes.stream().map(note -> new NoteRow(note.number, note.issueDate.toString(), note.claimId,
                note.reasonCode, money(note.net, note.currency), money(note.vat, note.currency),
                money(note.gross, note.currency), "/console/accounting/credit-notes/" + note.number + ".pdf")).toList();

        Reconciliation.Report report = reconciliation.report(period);
        List<ExceptionRow> exceptions = report.exceptions().stream().map(item -> exception(item, settings.unconfirmedAfter().toHours(), text)).toList();
        List<DayRow> days = report.totals().stream().map(t -> new DayRow(t.day().toString(), t.currency(),
                counted(t.decided(), t.decidedCount(), t.currency()), counted(t.confirmed(), t.confirmedCount(), t.currency()),
                counted(t.failed(), t.failedCount(), t.currency()), counted(t.external(), t.externalCount(), t.currency())))
                .toList();

        String query = "from=" + period.first() + "&to=" + period.last();
        return new Books(period.first().toString(), period.last().toString(),
                text.period(period.first().toString(), period.last().toString(), settings.zone().getId()), rates, noteRows,
                count > noteRows.size() ? text.notesTruncated(noteRows.size(), count) : null,
                "/console/accounting/journal?" + query + "&format=fec", "/console/accounting/journal?" + query + "&format=csv",
                exceptions, days);
    }

    private static ExceptionRow exception(Reconciliation.Item item, long unconfirmedHours, AccountingMessages text) {
        String kind = switch (item.kind()) {
            case UNCONFIRMED -> text.unconfirmed(unconfirmedHours);
            case FAILED -> text.failed();
            case EXTERNAL -> text.external();
            case NO_PROVIDER_REFERENCE -> text.noProviderReference();
        };
        String id = "exception-" + item.kind().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + (item.claimId() != null ? item.claimId() : URLEncoder.encode(item.providerReference(), StandardCharsets.UTF_8));
        String reference = item.creditNote() != null ? item.creditNote()
                : item.providerReference() == null ? "" : item.providerReference();
        return new ExceptionRow(id, kind, item.claimId(), item.consoleUrl(), item.orderId() == null ? "" : text.order(item.orderId()),
                BackOfficeViews.money(item.amount()), BackOfficeViews.when(item.at()),
                item.provider() == null ? "" : item.provider(), reference);
    }

    private static String money(java.math.BigDecimal amount, String currency) {
        return BackOfficeViews.money(Money.canonical(amount, currency));
    }

    private static String counted(java.math.BigDecimal amount, long count, String currency) {
        return count == 0 ? "–" : money(amount, currency) + " (" + count + ")";
    }
}
