package io.claimpilot.accounting;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.claimpilot.common.ApiProblem;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.SetSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A credit note as a PDF document, in the customer's language. The layout is {@code documents/credit-note.html} in the
 * rules folder, an XHTML Qute template that whoever styles the shop's documents may edit; its words are in
 * {@code documents/credit-note_<language>.properties} (fr, en ...). Both are read at start-up and again when a file
 * there changes: an edit with a problem is logged and the last good template keeps running, as with the message
 * templates.
 *
 * <p>Everything printed comes from the note and the shop's settings, and every value is HTML-escaped: a customer's
 * name is hostile input. The template can reach nothing else: no includes (the engine has no locator), and the PDF
 * renderer refuses every external resource (no images, style sheets or fonts from a file or the network). The font
 * is DejaVu Sans, shipped in the jar and embedded in each document, so accents and the euro sign print everywhere.
 */
@ApplicationScoped
public class CreditNotePdf {

    private static final Logger LOG = Logger.getLogger(CreditNotePdf.class);
    public static final String FOLDER = "documents";
    public static final String TEMPLATE = "credit-note.html";
    /** The words of the customer's language are used when it has them; otherwise these. */
    public static final String FALLBACK_LANGUAGE = "fr";
    private static final Pattern TEXTS = Pattern.compile("credit-note_([a-z]{2,3})\\.properties");
    private static final int MAX_BYTES = 256 * 1024;
    private static final String FONT_FAMILY = "DejaVu Sans";

    // HTML-escaped output for every value; strict rendering, so a misspelt variable or word is found when the file is
    // saved, not printed as blank on a legal document. Only {#if}, {#for}, {#when} and {#let}: no {#include}.
    private static final Engine ENGINE = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addSectionHelper(new LoopSectionHelper.Factory())
            .addSectionHelper(new WhenSectionHelper.Factory())
            .addSectionHelper(new SetSectionHelper.Factory())
            .addDefaultValueResolvers()
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .strictRendering(true)
            .build();

    @ConfigProperty(name = "claimpilot.rules.directory")
    Path directory;
    @Inject
    AccountingSettings settings;

    private volatile Layout current;
    private volatile List<String> problems = List.of();
    private volatile String loadedFingerprint;

    /** A checked template and the words of each language it can print in. */
    record Layout(Template template, Map<String, Map<String, String>> texts) {
    }

    void onStart(@Observes @Priority(17) StartupEvent event) {
        String fingerprint = fingerprint();
        if (fingerprint.isEmpty()) {
            LOG.warnf("There is no %s/%s in %s: credit notes cannot be given as PDF", FOLDER, TEMPLATE, directory.toAbsolutePath());
            loadedFingerprint = fingerprint;
            return;
        }
        List<String> found = new ArrayList<>();
        Layout layout = load(found);
        if (layout == null) {
            throw new IllegalStateException("The credit note template in " + folder().toAbsolutePath() + " has problems:\n  "
                    + String.join("\n  ", found));
        }
        current = layout;
        loadedFingerprint = fingerprint;
    }

    /** The note as a PDF, in {@code language} when it has words for it, or else the customer's, or else French. */
    public byte[] render(CreditNote note, String language) {
        Layout layout = layout();
        String chosen = language(layout, language, note.customerLocale);
        return pdf(html(layout, chosen, note, settings.shop()));
    }

    /** The languages the template has words for. */
    public Set<String> languages() {
        Layout layout = layout();
        return layout == null ? Set.of() : layout.texts().keySet();
    }

    /** What was wrong with the folder when it was last read (empty when the template in use is its own). */
    public List<String> problems() {
        reloadWhenChanged();
        return problems;
    }

    private Layout layout() {
        reloadWhenChanged();
        Layout layout = current;
        if (layout == null) {
            throw new ApiProblem(503, "No credit note template", "The rules folder has no usable " + FOLDER + "/" + TEMPLATE
                    + "; ask an administrator");
        }
        return layout;
    }

    private void reloadWhenChanged() {
        if (!fingerprint().equals(loadedFingerprint)) {
            reload();
        }
    }

    private synchronized void reload() {
        String fingerprint = fingerprint();
        if (fingerprint.equals(loadedFingerprint)) {
            return;
        }
        List<String> found = new ArrayList<>();
        Layout layout = load(found);
        loadedFingerprint = fingerprint;
        problems = List.copyOf(found);
        if (layout == null) {
            LOG.errorf("The edited credit note template has problems; the last good one keeps running:%n  %s",
                    String.join("\n  ", found));
            return;
        }
        current = layout;
        LOG.infof("Credit note template reloaded: %s", layout.texts().keySet());
    }

    private static String language(Layout layout, String requested, String customerLocale) {
        if (requested != null && !requested.isBlank()) {
            String language = requested.strip().toLowerCase(Locale.ROOT);
            if (!layout.texts().containsKey(language)) {
                throw ApiProblem.invalidField("lang", "must be one of " + String.join(", ", layout.texts().keySet()));
            }
            return language;
        }
        String customer = customerLocale == null ? "" : Locale.forLanguageTag(customerLocale.strip().replace('_', '-')).getLanguage();
        return layout.texts().containsKey(customer) ? customer : FALLBACK_LANGUAGE;
    }

    // --- Loading and checking ---------------------------------------------------------------------------------------

    private Path folder() {
        return directory.resolve(FOLDER);
    }

    /** The template and its words, checked by printing a sample note in each language; null when something is wrong. */
    Layout load(List<String> found) {
        Path folder = folder();
        String name = FOLDER + "/" + TEMPLATE;
        String text = read(folder.resolve(TEMPLATE), name, found);
        if (text == null) {
            return null;
        }
        Template template;
        try {
            template = ENGINE.parse(text, Variant.forContentType(Variant.TEXT_HTML), name);
        } catch (TemplateException e) {
            found.add(name + ": the template cannot be read: " + e.getMessage());
            return null;
        }
        Map<String, Map<String, String>> texts = new TreeMap<>();
        for (Path file : list(folder)) {
            Matcher matcher = TEXTS.matcher(file.getFileName().toString());
            if (matcher.matches()) {
                Map<String, String> words = words(file, FOLDER + "/" + file.getFileName(), found);
                if (words != null) {
                    texts.put(matcher.group(1), words);
                }
            }
        }
        if (!texts.containsKey(FALLBACK_LANGUAGE)) {
            found.add(FOLDER + "/credit-note_" + FALLBACK_LANGUAGE + ".properties: the French words are missing; they are used"
                    + " for every customer whose language has none");
        }
        if (!found.isEmpty()) {
            return null;
        }
        Layout layout = new Layout(template, Map.copyOf(texts));
        for (String language : texts.keySet()) {
            try {
                String html = html(layout, language, sample(), SAMPLE_SHOP);
                if (language.equals(FALLBACK_LANGUAGE)) {
                    pdf(html);
                }
            } catch (RuntimeException e) {
                found.add(name + " (" + language + "): " + rootMessage(e));
            }
        }
        return found.isEmpty() ? layout : null;
    }

    private static Map<String, String> words(Path file, String name, List<String> found) {
        String text = read(file, name, found);
        if (text == null) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            found.add(name + ": cannot be read: " + e.getMessage());
            return null;
        }
        Map<String, String> words = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> words.put(key, properties.getProperty(key).strip()));
        return words;
    }

    private static String read(Path file, String name, List<String> found) {
        try {
            if (!Files.isRegularFile(file)) {
                found.add(name + ": the file is missing");
                return null;
            }
            if (Files.size(file) > MAX_BYTES) {
                found.add(name + ": larger than " + MAX_BYTES / 1024 + " KiB");
                return null;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            found.add(name + ": cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** Names, sizes and modification times of everything under documents/: any save changes it. */
    private String fingerprint() {
        Path folder = folder();
        if (!Files.isRegularFile(folder.resolve(TEMPLATE))) {
            return "";
        }
        return list(folder).stream().map(path -> {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return path.getFileName() + ":" + attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
            } catch (IOException e) {
                return path.getFileName() + ":gone";
            }
        }).collect(Collectors.joining("\n"));
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder.toAbsolutePath(), e);
        }
    }

    // --- Printing ---------------------------------------------------------------------------------------------------

    /** The template's values: words, shop and note, each already written as the language writes it. */
    static String html(Layout layout, String language, CreditNote note, AccountingSettings.Shop shop) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lang", language);
        data.put("text", layout.texts().get(language));
        data.put("shop", Map.of("name", text(shop.name()), "address", text(shop.address()), "siren", text(shop.siren()),
                "vatNumber", shop.vatNumber().map(CreditNotePdf::text).orElse("")));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("number", note.number);
        values.put("issueDate", date(note.issueDate, locale));
        values.put("invoiceNumber", text(note.invoiceNumber));
        values.put("invoiceDate", date(note.invoiceDate, locale));
        values.put("orderId", text(note.orderId));
        values.put("claimId", text(note.claimId));
        values.put("customer", text(note.customerName == null || note.customerName.isBlank() ? note.customerId : note.customerName));
        values.put("reasonCode", text(note.reasonCode));
        values.put("currency", note.currency);
        Map<String, String> words = layout.texts().get(language);
        values.put("lines", note.lines.stream().map(line -> Map.of("description", text(described(line, note, words)),
                "net", money(line.net(), note.currency, locale), "vat", money(line.vat(), note.currency, locale),
                "gross", money(line.gross(), note.currency, locale), "taxRate", rate(line.taxRate(), locale))).toList());
        values.put("vatByRate", note.vatByRate.stream().map(rate -> Map.of("taxRate", rate(rate.taxRate(), locale),
                "net", money(rate.net(), note.currency, locale), "vat", money(rate.vat(), note.currency, locale))).toList());
        values.put("net", money(note.net, note.currency, locale));
        values.put("vat", money(note.vat, note.currency, locale));
        values.put("gross", money(note.gross, note.currency, locale));
        data.put("note", values);
        var instance = layout.template().instance();
        data.forEach(instance::data);
        return instance.render();
    }

    /** The split's two generic lines in the document's language; an item's line names its SKU, in any language. */
    static String described(CreditNoteLine line, CreditNote note, Map<String, String> words) {
        if (VatSplit.SHIPPING.equals(line.description())) {
            return words.getOrDefault("shippingLine", line.description());
        }
        if (("Order " + note.orderId).equals(line.description())) {
            return words.getOrDefault("order", "Order") + " " + note.orderId;
        }
        return line.description();
    }

    /** Lays the HTML out; nothing outside it is ever read. */
    static byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withProducer("ClaimPilot");
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        InputStream font = CreditNotePdf.class.getResourceAsStream("/documents/fonts/" + file);
        if (font == null) {
            throw new IllegalStateException("The font " + file + " is missing from the application");
        }
        return font;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String date(LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }

    /** 42.00 EUR as the language writes it: "42,00 €" in French, "€42.00" in English. */
    static String money(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        int digits = Math.max(0, unit.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return noBreak(format.format(amount));
    }

    private static String rate(BigDecimal rate, Locale locale) {
        if (rate == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(4);
        return noBreak(format.format(rate.movePointLeft(2)));
    }

    /** The JDK's French formats use a narrow no-break space; a plain no-break space is in every font. */
    private static String noBreak(String text) {
        return text.replace('\u202F', '\u00A0');
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    // --- The sample printed to check a template ---------------------------------------------------------------------

    private static final AccountingSettings.Shop SAMPLE_SHOP = new AccountingSettings.Shop() {
        public String name() { return "Sample shop"; }
        public String address() { return "1 rue de l'Exemple, 75001 Paris"; }
        public String siren() { return "123456789"; }
        public java.util.Optional<String> vatNumber() { return java.util.Optional.of("FR00123456789"); }
    };

    private static CreditNote sample() {
        CreditNote note = new CreditNote();
        note.number = "AV-2026-000001";
        note.issuedAt = Instant.parse("2026-11-30T10:00:00Z");
        note.issueDate = LocalDate.of(2026, 11, 30);
        note.claimId = "clm_sample";
        note.orderId = "order-sample";
        note.invoiceNumber = "F-2026-0001";
        note.invoiceDate = LocalDate.of(2026, 11, 2);
        note.customerId = "cust-sample";
        note.customerName = "Zoé <Sample> & Co";
        note.reasonCode = "RETOUR";
        note.currency = "EUR";
        note.lines = List.of(new CreditNoteLine("Mug", new BigDecimal("35.00"), new BigDecimal("7.00"), new BigDecimal("42.00"),
                new BigDecimal("20.0")));
        note.vatByRate = List.of(new VatByRate(new BigDecimal("20.0"), new BigDecimal("35.00"), new BigDecimal("7.00")));
        note.net = new BigDecimal("35.00");
        note.vat = new BigDecimal("7.00");
        note.gross = new BigDecimal("42.00");
        return note;
    }
}
