package io.claimpilot.accounting;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** The accountant reads the credit notes: a period's list, one note as JSON, and the PDF the customer gets. */
@QuarkusTest
class CreditNoteResourceTest {

    private static final String HOSTILE_NAME = "Zoé <script>alert('x')</script> & Müller-Ñuñez";

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;
    @ConfigProperty(name = "claimpilot.rules.directory")
    Path rules;

    @Test
    void aNoteIsGivenAsTheJsonOfTheIssueWithAmountsInTheCurrencysDecimals() {
        String claimId = refunded("42.00", "en", "Ada Lovelace", "F-2026-0042", "2026-11-02");
        String number = numberOf(claimId);

        as(ACCOUNTANT).get("/api/credit-notes/" + number).then().statusCode(200)
                .body("number", equalTo(number))
                .body("claimId", equalTo(claimId))
                .body("invoiceNumber", equalTo("F-2026-0042"))
                .body("invoiceDate", equalTo("2026-11-02"))
                .body("customer", equalTo("Ada Lovelace"))
                .body("reasonCode", equalTo("ANNULATION"))
                .body("currency", equalTo("EUR"))
                .body("net", equalTo("35.00"))
                .body("vat", equalTo("7.00"))
                .body("gross", equalTo("42.00"))
                .body("lines[0].gross", equalTo("42.00"))
                .body("lines[0].net", equalTo("35.00"))
                .body("lines[0].vat", equalTo("7.00"))
                .body("lines[0].taxRate", equalTo("20.0"))
                .body("vatByRate[0].taxRate", equalTo("20.0"))
                .body("vatByRate[0].net", equalTo("35.00"))
                .body("vatByRate[0].vat", equalTo("7.00"))
                .body("issueDate", equalTo(db.strings("select cast(issue_date as text) from credit_note where number = ?1", number).get(0)))
                .body("orderId", equalTo(db.strings("select order_id from claim where id = ?1", claimId).get(0)));
        String issuedAt = as(ADMIN).get("/api/credit-notes/" + number).then().statusCode(200).body("number", equalTo(number))
                .extract().path("issuedAt");
        assertThat(Instant.parse(issuedAt)).isEqualTo(Instant.parse(db.strings("select to_char(issued_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from credit_note where number = ?1", number).get(0)));
    }

    @Test
    void onlyAccountantsAndAdminsReadCreditNotes() {
        String number = numberOf(refunded("12.00", "fr", "Jean Dupont", null, null));
        for (String key : List.of(SHOP, AGENT, ANALYST)) {
            as(key).get("/api/credit-notes").then().statusCode(403).contentType("application/problem+json");
            as(key).get("/api/credit-notes/" + number).then().statusCode(403).contentType("application/problem+json");
            as(key).get("/api/credit-notes/" + number + ".pdf").then().statusCode(403);
        }
        given().get("/api/credit-notes").then().statusCode(401);
        given().get("/api/credit-notes/" + number).then().statusCode(401);
        given().get("/api/credit-notes/" + number + ".pdf").then().statusCode(401);
    }

    @Test
    void anUnknownNumberIs404AndSomethingThatIsNoNumberIs400() {
        as(ACCOUNTANT).get("/api/credit-notes/AV-1999-999999").then().statusCode(404).contentType("application/problem+json");
        as(ACCOUNTANT).get("/api/credit-notes/AV-1999-999999.pdf").then().statusCode(404).contentType("application/problem+json");
        // Sent as they are, already percent-encoded: a quote, a statement, a path out of the folder, a NUL, dots, a space.
        for (String hostile : List.of("AV%27%20or%20%271%27%3D%271", "AV-2026-000001%3Bdrop%20table%20credit_note",
                "..%2F..%2Fetc%2Fpasswd", "AV-2026-000001%00", "%2e%2e", "AV%202026", "AV-2026-000001%2Epdf%2Epdf")) {
            Response response = as(ACCOUNTANT).urlEncodingEnabled(false).get("/api/credit-notes/" + hostile);
            assertThat(response.statusCode()).as(hostile).isIn(400, 404);
            assertThat(response.contentType()).as(hostile).startsWith("application/problem+json");
        }
        as(ACCOUNTANT).get("/api/credit-notes/AV' or '1'='1").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("number"));
    }

    @Test
    void theListGivesThePeriodsNotesInNumberOrderPageByPage() {
        String first = numberOf(refunded("10.00", "fr", "Liste Un", null, null));
        String second = numberOf(refunded("11.00", "fr", "Liste Deux", null, null));
        String third = numberOf(refunded("12.00", "fr", "Liste Trois", null, null));
        LocalDate day = LocalDate.parse(db.strings("select cast(issue_date as text) from credit_note where number = ?1", first).get(0));

        List<String> numbers = as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString())
                .queryParam("size", "200").get("/api/credit-notes").then().statusCode(200)
                .body("size", equalTo(200)).body("page", equalTo(0))
                .extract().jsonPath().getList("items.number", String.class);
        assertThat(numbers).contains(first, second, third).isSorted();
        assertThat(numbers.subList(numbers.indexOf(first), numbers.indexOf(third) + 1)).containsExactly(first, second, third);

        // Days are taken in the accounting zone and "to" is included: a period ending the day before misses them.
        List<String> before = as(ADMIN).queryParam("from", day.minusDays(3).toString()).queryParam("to", day.minusDays(1).toString())
                .get("/api/credit-notes").then().statusCode(200).extract().jsonPath().getList("items.number", String.class);
        assertThat(before).doesNotContain(first, second, third);

        // Instants: [from, to).
        Instant issued = Instant.parse(db.strings("select to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " from credit_note where number = ?1", second).get(0));
        List<String> exact = as(ACCOUNTANT).queryParam("size", "200").queryParam("from", issued.toString())
                .queryParam("to", issued.plusNanos(1000).toString())
                .get("/api/credit-notes").then().statusCode(200).extract().jsonPath().getList("items.number", String.class);
        assertThat(exact).contains(second);
        List<String> after = as(ACCOUNTANT).queryParam("from", issued.plusNanos(1000).toString())
                .queryParam("to", issued.plusSeconds(60).toString())
                .get("/api/credit-notes").then().statusCode(200).extract().jsonPath().getList("items.number", String.class);
        assertThat(after).as("from is included, to is not").doesNotContain(second);
        List<String> until = as(ACCOUNTANT).queryParam("from", issued.minusSeconds(60).toString()).queryParam("to", issued.toString())
                .get("/api/credit-notes").then().statusCode(200).extract().jsonPath().getList("items.number", String.class);
        assertThat(until).doesNotContain(second);

        // Pages of one: the page's note is the next in number order, and the total stays.
        int total = as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/credit-notes")
                .then().statusCode(200).extract().path("total");
        int index = numbers.indexOf(second);
        if (index < total) {
            as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                    .queryParam("page", String.valueOf(index)).queryParam("size", "1").get("/api/credit-notes").then().statusCode(200)
                    .body("items.size()", equalTo(1)).body("items[0].number", equalTo(second)).body("total", equalTo(total))
                    .body("items[0].gross", equalTo("11.00"));
        }

        // Without a period: the current month in the accounting zone.
        as(ACCOUNTANT).get("/api/credit-notes").then().statusCode(200)
                .body("items.size()", lessThanOrEqualTo(50))
                .body("from", equalTo(LocalDate.now(ZoneId.of("Europe/Paris")).withDayOfMonth(1).atStartOfDay(ZoneId.of("Europe/Paris"))
                        .toInstant().toString()));
    }

    @Test
    void badListParametersAre400NamingTheField() {
        record Case(String parameter, String value, String field) {
        }
        for (Case bad : List.of(new Case("from", "yesterday", "from"), new Case("to", "2026-13-01", "to"),
                new Case("page", "-1", "page"), new Case("page", "first", "page"), new Case("size", "0", "size"),
                new Case("size", "201", "size"), new Case("size", "ten", "size"))) {
            as(ACCOUNTANT).queryParam(bad.parameter(), bad.value()).get("/api/credit-notes").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem(bad.field()));
        }
        as(ACCOUNTANT).queryParam("from", "2026-11-10").queryParam("to", "2026-11-01").get("/api/credit-notes").then()
                .statusCode(400).body("violations.field", hasItem("to"));
    }

    @Test
    void thePdfShowsTheNoteInTheCustomersLanguageWithTheShopsLegalDetails() throws IOException {
        String claimId = refunded("42.00", "fr-FR", "Hélène Brûlé", "F-2026-0777", "2026-11-03");
        String number = numberOf(claimId);

        Response french = as(ACCOUNTANT).get("/api/credit-notes/" + number + ".pdf");
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.contentType()).startsWith("application/pdf");
        assertThat(french.header("Content-Disposition")).isEqualTo("inline; filename=\"" + number + ".pdf\"");
        String fr = text(french.asByteArray());
        assertThat(fr).contains("Avoir " + number, "F-2026-0777", "3 novembre 2026", "SIREN 000000000", "ClaimPilot Demo Shop",
                "Hélène Brûlé", "Total TTC remboursé 42,00 €", "Total HT 35,00 €", "Total TVA 7,00 €", "20,0 %",
                "1 rue de la Paix, 75002 Paris, France");

        String en = text(as(ADMIN).queryParam("lang", "en").get("/api/credit-notes/" + number + ".pdf").then().statusCode(200)
                .extract().asByteArray());
        assertThat(en).contains("Credit note " + number, "Original invoice F-2026-0777 of November 3, 2026", "SIREN 000000000",
                "Total refunded €42.00", "Total net €35.00", "Total VAT €7.00", "20.0%");
        assertThat(en).doesNotContain("Avoir");

        as(ACCOUNTANT).queryParam("lang", "de").get("/api/credit-notes/" + number + ".pdf").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("lang"));
    }

    @Test
    void withoutAnInvoiceNumberThePdfNamesTheOrder() throws IOException {
        String claimId = refunded("9.90", "en-GB", "No Invoice", null, null);
        String orderId = db.strings("select order_id from claim where id = ?1", claimId).get(0);
        String en = text(as(ACCOUNTANT).get("/api/credit-notes/" + numberOf(claimId) + ".pdf").then().statusCode(200)
                .extract().asByteArray());
        assertThat(en).contains("Credit note", "Original order " + orderId, "Total refunded €9.90");
    }

    @Test
    void aHostileCustomerNameIsPrintedAsText() throws IOException {
        String number = numberOf(refunded("15.00", "fr", HOSTILE_NAME, null, null));
        as(ACCOUNTANT).get("/api/credit-notes/" + number).then().statusCode(200).body("customer", equalTo(HOSTILE_NAME));
        String fr = text(as(ACCOUNTANT).get("/api/credit-notes/" + number + ".pdf").then().statusCode(200).extract().asByteArray());
        assertThat(fr).contains(HOSTILE_NAME);
    }

    @Test
    void anEditedTemplateIsUsedAndABrokenEditKeepsTheLastGoodOne() throws Exception {
        String number = numberOf(refunded("20.00", "fr", "Modèle Édité", null, null));
        Path template = rules.resolve("documents").resolve("credit-note.html");
        String shipped = Files.readString(template, StandardCharsets.UTF_8);
        try {
            write(template, shipped.replace("<h1>{text.title} {note.number}</h1>", "<h1>{text.title} n° {note.number}</h1>"));
            assertThat(pdfText(number)).contains("Avoir n° " + number);

            // Not XHTML (an unclosed tag), then an unknown variable: each edit is refused, the last good one prints.
            write(template, shipped.replace("<div class=\"clear\"></div>", "<div class=\"clear\">"));
            assertThat(pdfText(number)).contains("Avoir n° " + number);
            write(template, shipped.replace("{note.number}</h1>", "{note.numbre}</h1>"));
            assertThat(pdfText(number)).contains("Avoir n° " + number);
            // A template that tries to reach a file is refused too: the engine has no {#include}.
            write(template, shipped.replace("<body>", "<body>{#include /etc/passwd /}"));
            assertThat(pdfText(number)).contains("Avoir n° " + number).doesNotContain("root:");
        } finally {
            write(template, shipped);
        }
        assertThat(pdfText(number)).contains("Avoir " + number);
    }

    @Test
    void theTemplateLoadsNothingFromOutside() throws Exception {
        String number = numberOf(refunded("21.00", "fr", "Sans Ressource", null, null));
        Path template = rules.resolve("documents").resolve("credit-note.html");
        String shipped = Files.readString(template, StandardCharsets.UTF_8);
        Path secret = Files.createTempFile("claimpilot-secret", ".css");
        Files.writeString(secret, "body { background: red; } .customer::after { content: 'LEAKED-FILE'; }");
        try {
            write(template, shipped.replace("</head>", "<link rel=\"stylesheet\" href=\"" + secret.toUri() + "\"/>"
                    + "<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/evil.css\"/></head>")
                    .replace("<body>", "<body><img src=\"" + secret.toUri() + "\"/>"));
            assertThat(pdfText(number)).contains("Avoir " + number).doesNotContain("LEAKED-FILE");
        } finally {
            write(template, shipped);
            Files.deleteIfExists(secret);
        }
    }

    // ------------------------------------------------------------------------------------------------------

    private String pdfText(String number) throws IOException {
        return text(as(ACCOUNTANT).get("/api/credit-notes/" + number + ".pdf").then().statusCode(200).extract().asByteArray());
    }

    /** Saves like an editor does; the modification time moves on, so the change is seen even within one millisecond. */
    private static void write(Path file, String text) throws IOException {
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Math.max(System.currentTimeMillis(), before.toMillis() + 1000)));
    }

    /** The PDF's text, with its no-break spaces and line breaks as plain spaces. */
    static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00A0', ' ').replace('\u202F', ' ')
                    .replaceAll("\\s+", " ");
        }
    }

    /** A claim refunded and confirmed now; its id. */
    private String refunded(String amount, String locale, String name, String invoiceNumber, String invoiceDate) {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).customerName(name).item(uniqueId("SKU"), 1, amount).map();
        @SuppressWarnings("unchecked")
        var customer = (java.util.Map<String, Object>) body.get("customer");
        customer.put("locale", locale);
        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201).extract().path("id");
        if (invoiceNumber != null) {
            db.execute("update claim set invoice_number = ?1, invoice_date = cast(?2 as date) where id = ?3", invoiceNumber, invoiceDate, id);
        }
        drain();
        return id;
    }

    private String numberOf(String claimId) {
        return db.strings("select number from credit_note where claim_id = ?1", claimId).get(0);
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
