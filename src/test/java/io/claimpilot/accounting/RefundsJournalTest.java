package io.claimpilot.accounting;

import io.claimpilot.support.Db;
import io.claimpilot.support.PastDays;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.AGENT2;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The refunds journal, FEC and CSV, on credit notes of its own: each test works on a random past day (the first 500 days from 2000, a
 * range no other test uses), so its rows are its own and no automatic refund lands in a later test's daily budget.
 */
@QuarkusTest
class RefundsJournalTest {

    static final ZoneId PARIS = PastDays.PARIS;
    static final Charset LATIN_9 = Charset.forName("ISO-8859-15");
    static final String NAME = "Éloïse Müller-Œuvray | Ltd";

    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Inject
    PastDays pastDays;

    PastDays.Visit visit;
    LocalDate day;

    @BeforeEach
    void aPastDayOfItsOwn() {
        // What earlier tests left due runs first, at their time, not on this test's day.
        visit = pastDays.enter(0, 500);
        day = visit.day();
    }

    @AfterEach
    void clockAsBefore() {
        pastDays.leave(visit);
    }

    @Test
    void theFecHasEighteenColumnsBalancedEntriesLetteredCustomerLinesAndLatin9() {
        String customerId = uniqueId("cust");
        String claimId = refunded(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "42.00").item("MUG-01", 1, "42.00")
                .customerId(customerId).customerName(NAME));
        String number = noteOf(claimId);

        Response response = as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                .queryParam("format", "fec").get("/api/accounting/journal");
        response.then().statusCode(200)
                .header("Content-Type", containsString("ISO-8859-15"))
                .header("Content-Disposition", containsString("000000000FEC" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".txt"));
        byte[] bytes = response.asByteArray();
        String text = new String(bytes, LATIN_9);

        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).as("CRLF only").doesNotContain("\n").doesNotContain("\r");
        List<String> rows = List.of(text.split("\r\n"));
        assertThat(rows.get(0)).isEqualTo(String.join("|", JournalLine.COLUMNS));
        assertThat(rows.get(0).split("\\|", -1)).hasSize(18).startsWith("JournalCode", "JournalLib", "EcritureNum")
                .endsWith("Montantdevise", "Idevise");
        List<String[]> lines = rows.subList(1, rows.size()).stream().map(row -> row.split("\\|", -1)).toList();
        Map<String, BigDecimal> balance = new HashMap<>();
        for (String[] cells : lines) {
            assertThat(cells).as(String.join("|", cells)).hasSize(18);
            assertThat(cells[3]).matches("\\d{8}");
            assertThat(cells[9]).matches("\\d{8}");
            assertThat(cells[15]).matches("\\d{8}");
            assertThat(cells[14]).matches("(\\d{8})?");
            assertThat(cells[11]).matches("\\d+,\\d{2}");
            assertThat(cells[12]).matches("\\d+,\\d{2}");
            assertThat(cells[16]).matches("(\\d+,\\d+)?");
            balance.merge(cells[2], amount(cells[11]).subtract(amount(cells[12])), BigDecimal::add);
        }
        assertThat(balance).allSatisfy((entry, difference) -> assertThat(difference).as(entry).isZero());

        List<String[]> mine = lines.stream().filter(cells -> cells[8].equals(number)).toList();
        String d = day.format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(mine.stream().map(cells -> String.join("|", Arrays.copyOfRange(cells, 0, 6)) + "|" + cells[11] + "|" + cells[12]))
                .containsExactly(
                        "AV|Avoirs clients|" + number + "|" + d + "|707|Ventes de marchandises|35,00|0,00",
                        "AV|Avoirs clients|" + number + "|" + d + "|44571|TVA collectée|7,00|0,00",
                        "AV|Avoirs clients|" + number + "|" + d + "|411|Clients|0,00|42,00",
                        "BQ|Remboursements sandbox|" + number + "-R|" + d + "|411|Clients|42,00|0,00",
                        "BQ|Remboursements sandbox|" + number + "-R|" + d + "|467|Autres comptes débiteurs ou créditeurs|0,00|42,00");
        String[] noteCustomer = mine.get(2);
        String[] paymentCustomer = mine.get(3);
        assertThat(noteCustomer[6]).matches("C[0-9A-F]{12}").isEqualTo(paymentCustomer[6]).doesNotContain(customerId);
        assertThat(noteCustomer[7]).as("accents and Œ round-trip, '|' cannot split the row").isEqualTo("Éloïse Müller-Œuvray   Ltd");
        assertThat(noteCustomer[13]).isNotEmpty().isEqualTo(paymentCustomer[13]);
        assertThat(noteCustomer[14]).isEqualTo(d).isEqualTo(paymentCustomer[14]);
        assertThat(mine.get(0)[6]).isEmpty();
        assertThat(mine.get(0)[10]).contains(number, "ANNULATION");
        assertThat(mine).allSatisfy(cells -> {
            assertThat(cells[9]).isEqualTo(d);
            assertThat(cells[16]).isEmpty();
            assertThat(cells[17]).isEmpty();
        });
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("not UTF-8").doesNotContain("Éloïse");

        // The same customer keeps the same auxiliary account on another note.
        String second = noteOf(refunded(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "12.00").item("MUG-02", 1, "12.00")
                .customerId(customerId).customerName(NAME)));
        String again = new String(as(ADMIN).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/accounting/journal").then().statusCode(200).extract().asByteArray(), LATIN_9);
        assertThat(Arrays.stream(again.split("\r\n")).map(row -> row.split("\\|", -1))
                .filter(cells -> cells[8].equals(second) && cells[4].equals("411")).map(cells -> cells[6]))
                .hasSize(2).containsOnly(noteCustomer[6]);
    }

    @Test
    void theCsvHasTheSameRowsWithAHeaderInUtf8() throws IOException {
        String number = noteOf(refunded(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "42.00").item("MUG-01", 1, "42.00")
                .customerName("=HYPERLINK(\"http://evil\") Éloïse")));

        String csv = as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                .queryParam("format", "csv").get("/api/accounting/journal")
                .then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .header("Content-Type", containsString("UTF-8"))
                .header("Content-Disposition", containsString(".csv")).extract().asString();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly(JournalLine.COLUMNS);
            List<CSVRecord> mine = new ArrayList<>();
            parser.forEach(row -> {
                if (row.get("PieceRef").equals(number)) {
                    mine.add(row);
                }
            });
            assertThat(mine).extracting(row -> row.get("CompteNum") + " " + row.get("Debit") + " " + row.get("Credit"))
                    .containsExactly("707 35.00 0.00", "44571 7.00 0.00", "411 0.00 42.00", "411 42.00 0.00", "467 0.00 42.00");
            assertThat(mine.get(0).get("EcritureDate")).isEqualTo(day.toString());
            assertThat(mine.get(2).get("CompAuxLib")).as("a formula stays text").isEqualTo("'=HYPERLINK(\"http://evil\") Éloïse");
        }
    }

    @Test
    void aNoteInDollarsIsBookedInEurosWithItsDollarAmounts() {
        String claimId = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "60.00").item("MUG-01", 1, "60.00")
                .currency("USD").map()).post("/api/claims").then().statusCode(201).extract().path("id");
        // No automatic limit is set for USD: two agents refund it.
        String proposal = as(AGENT).body(Map.of("action", "REFUND", "amount", money("60.00", "USD"), "note", "as asked"))
                .post("/api/reviews/" + claimId + "/resolve").then().statusCode(202).extract().path("proposalId");
        as(AGENT2).body(Map.of("proposalId", proposal, "note", "checked")).post("/api/reviews/" + claimId + "/approve")
                .then().statusCode(200);
        drain();
        String number = noteOf(claimId);

        String text = new String(as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/accounting/journal").then().statusCode(200).extract().asByteArray(), LATIN_9);
        // 60.00 USD = 50.00 + 10.00 VAT; at 0.92: 46.00 + 9.20 = 55.20 EUR.
        assertThat(Arrays.stream(text.split("\r\n")).map(row -> row.split("\\|", -1)).filter(cells -> cells[8].equals(number))
                .map(cells -> cells[4] + " " + cells[11] + " " + cells[12] + " " + cells[16] + " " + cells[17]))
                .containsExactly("707 46,00 0,00 50,00 USD", "44571 9,20 0,00 10,00 USD", "411 0,00 55,20 60,00 USD",
                        "411 55,20 0,00 60,00 USD", "467 0,00 55,20 60,00 USD");
    }

    @Test
    void aCurrencyWithoutARateIsRefusedNamingIt() {
        // Days 500 to 600 are this test's alone: its note stops the journal of its day for good.
        day = LocalDate.of(2000, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(500, 600));
        clock.set(day.atTime(10, 0).atZone(PARIS).toInstant());
        String claimId = refunded(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "30.00").item("MUG-01", 1, "30.00"));
        // A note in Swiss francs, as an earlier configuration of the shop could have issued it.
        db.execute("insert into credit_note (number, prefix, year, sequence_number, issued_at, issue_date, refund_action_id,"
                + " claim_id, order_id, reason, reason_code, revenue_account, vat_account, customer_account, payment_account,"
                + " currency, lines, vat_by_rate, net, vat, gross) select ?1, 'TEST', 2000, (random() * 1e9)::bigint + 1,"
                + " issued_at, issue_date, (select id from outbox where claim_id = ?2 and action = 'NOTIFY_CUSTOMER' limit 1),"
                + " claim_id, order_id, reason, reason_code, revenue_account, vat_account, customer_account, payment_account,"
                + " 'CHF', lines, vat_by_rate, net, vat, gross from credit_note where claim_id = ?2",
                uniqueId("TEST").substring(0, 30), claimId);

        as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/accounting/journal").then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("CHF"))
                .body("detail", containsString("claimpilot.accounting.exchange-rates.CHF"));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        as(ACCOUNTANT).queryParam("from", "yesterday").get("/api/accounting/journal").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        as(ACCOUNTANT).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get("/api/accounting/journal")
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
        as(ACCOUNTANT).queryParam("from", "2025-01-01").queryParam("to", "2026-01-02").get("/api/accounting/journal")
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
        as(ACCOUNTANT).queryParam("from", "2025-01-01").queryParam("to", "2026-01-01").get("/api/accounting/journal")
                .then().statusCode(200);
        as(ACCOUNTANT).queryParam("format", "xlsx").get("/api/accounting/journal").then().statusCode(400)
                .body("violations[0].field", equalTo("format"));
    }

    @Test
    void onlyAccountantsAndAdminsReadTheJournal() {
        as(AGENT).get("/api/accounting/journal").then().statusCode(403);
        as(ANALYST).get("/api/accounting/journal").then().statusCode(403);
        as(SHOP).get("/api/accounting/journal").then().statusCode(403);
        given().get("/api/accounting/journal").then().statusCode(401);
        as(ADMIN).get("/api/accounting/journal").then().statusCode(200);
        as(ACCOUNTANT).get("/api/accounting/journal").then().statusCode(200);
    }

    private String refunded(io.claimpilot.support.Api.ClaimBody body) {
        String id = as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201).extract().path("id");
        drain();
        return id;
    }

    private String noteOf(String claimId) {
        return db.strings("select number from credit_note where claim_id = ?1", claimId).get(0);
    }

    private void drain() {
        pastDays.drain();
    }

    private static BigDecimal amount(String fec) {
        return new BigDecimal(fec.replace(',', '.'));
    }
}
