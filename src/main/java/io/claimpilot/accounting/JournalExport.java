package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The refunds journal of a period as a file to download, the same for the API and the console: built whole before
 * the first byte is sent, so a refusal (a currency without an exchange rate) is a clean problem, never half a file.
 */
@ApplicationScoped
public class JournalExport {

    @Inject
    RefundsJournal journal;
    @Inject
    AccountingSettings settings;

    public enum Format {
        FEC, CSV;

        /** fec (the default) or csv; anything else is refused naming the field. */
        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return FEC;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "fec" -> FEC;
                case "csv" -> CSV;
                default -> throw ApiProblem.invalidField("format", "must be fec or csv");
            };
        }
    }

    public record Download(String fileName, String contentType, byte[] content) {
        public Response response() {
            return Response.ok(content, contentType)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                    .build();
        }
    }

    public Download download(AccountingPeriod period, Format format) {
        List<JournalLine> lines = journal.lines(period);
        int digits = Math.max(0, Currency.getInstance(settings.bookCurrency()).getDefaultFractionDigits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == Format.FEC) {
            JournalFiles.writeFec(lines, digits, out);
            return new Download(JournalFiles.fecFileName(settings.shop().siren(), period.last()),
                    "text/plain; charset=ISO-8859-15", out.toByteArray());
        }
        JournalFiles.writeCsv(lines, digits, out);
        return new Download("refunds-journal-" + period.first() + "-" + period.last() + ".csv", "text/csv; charset=UTF-8",
                out.toByteArray());
    }
}
