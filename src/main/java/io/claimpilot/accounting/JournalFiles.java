package io.claimpilot.accounting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The refunds journal as files: the French FEC (fichier des écritures comptables, LPF art. A47 A-1) and a CSV for
 * spreadsheets. Labels come from customers and shops (names, order ids): they are hostile text, cleaned so they can
 * never break a row.
 */
public final class JournalFiles {

    /** The FEC's encoding: Latin-9 has € and Œ, which Latin-1 lacks. */
    public static final Charset FEC_CHARSET = Charset.forName("ISO-8859-15");
    private static final DateTimeFormatter FEC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern BREAKS_A_ROW = Pattern.compile("[|\\p{Cntrl}\\u2028\\u2029]");

    private JournalFiles() {
    }

    /** {@code {SIREN}FEC{AAAAMMJJ}.txt}, the period's last day: the name the tax administration expects. */
    public static String fecFileName(String siren, LocalDate last) {
        return siren.replaceAll("[^0-9A-Za-z]", "") + "FEC" + FEC_DATE.format(last) + ".txt";
    }

    /** The FEC: a header row and one row per line, '|' between the 18 columns, CRLF, ISO-8859-15. */
    public static void writeFec(List<JournalLine> lines, int bookDigits, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, FEC_CHARSET);
            CharsetEncoder encoder = FEC_CHARSET.newEncoder();
            writer.write(String.join("|", JournalLine.COLUMNS));
            writer.write("\r\n");
            for (JournalLine line : lines) {
                List<String> cells = new ArrayList<>(JournalLine.COLUMNS.length);
                cells.add(fecText(line.journalCode(), encoder));
                cells.add(fecText(line.journalLabel(), encoder));
                cells.add(fecText(line.entryNumber(), encoder));
                cells.add(fecDate(line.entryDate()));
                cells.add(fecText(line.account(), encoder));
                cells.add(fecText(line.accountLabel(), encoder));
                cells.add(fecText(line.auxiliaryAccount(), encoder));
                cells.add(fecText(line.auxiliaryLabel(), encoder));
                cells.add(fecText(line.pieceRef(), encoder));
                cells.add(fecDate(line.pieceDate()));
                cells.add(fecText(line.label(), encoder));
                cells.add(fecAmount(line.debit(), bookDigits));
                cells.add(fecAmount(line.credit(), bookDigits));
                cells.add(fecText(line.letter(), encoder));
                cells.add(fecDate(line.letterDate()));
                cells.add(fecDate(line.validDate()));
                cells.add(line.foreignAmount() == null ? "" : fecAmount(line.foreignAmount(), line.foreignAmount().scale()));
                cells.add(fecText(line.foreignCurrency(), encoder));
                writer.write(String.join("|", cells));
                writer.write("\r\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rows with a header, UTF-8, commas, decimal points and ISO dates, for spreadsheets. */
    public static void writeCsv(List<JournalLine> lines, int bookDigits, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(JournalLine.COLUMNS)
                    .setRecordSeparator("\r\n").get());
            for (JournalLine line : lines) {
                csv.printRecord(cell(line.journalCode()), cell(line.journalLabel()), cell(line.entryNumber()),
                        date(line.entryDate()), cell(line.account()), cell(line.accountLabel()), cell(line.auxiliaryAccount()),
                        cell(line.auxiliaryLabel()), cell(line.pieceRef()), date(line.pieceDate()), cell(line.label()),
                        amount(line.debit(), bookDigits), amount(line.credit(), bookDigits), cell(line.letter()),
                        date(line.letterDate()), date(line.validDate()),
                        line.foreignAmount() == null ? "" : line.foreignAmount().toPlainString(), cell(line.foreignCurrency()));
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text cell of the FEC: '|' and line breaks would split a row, so they become spaces; a character Latin-9
     * cannot encode loses its accent (ő → o) or, failing that, becomes '?'.
     */
    static String fecText(String value, CharsetEncoder encoder) {
        if (value == null) {
            return "";
        }
        String flat = BREAKS_A_ROW.matcher(value).replaceAll(" ").strip();
        StringBuilder out = new StringBuilder(flat.length());
        flat.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            if (encoder.canEncode(character)) {
                out.append(character);
                return;
            }
            String bare = COMBINING_MARKS.matcher(Normalizer.normalize(character, Normalizer.Form.NFKD)).replaceAll("");
            out.append(!bare.isEmpty() && encoder.canEncode(bare) ? bare : "?");
        });
        return out.toString();
    }

    static String fecAmount(BigDecimal amount, int digits) {
        return amount.setScale(Math.max(digits, 0), RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    private static String fecDate(LocalDate date) {
        return date == null ? "" : FEC_DATE.format(date);
    }

    /**
     * A text cell of the CSV. One starting with = + - @ would run as a formula in a spreadsheet (names are hostile
     * input): a leading apostrophe keeps it text.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\r\\n]+", " ");
        return !flat.isEmpty() && "=+-@\t".indexOf(flat.charAt(0)) >= 0 ? "'" + flat : flat;
    }

    private static String amount(BigDecimal amount, int digits) {
        return amount.setScale(Math.max(digits, 0), RoundingMode.HALF_UP).toPlainString();
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
