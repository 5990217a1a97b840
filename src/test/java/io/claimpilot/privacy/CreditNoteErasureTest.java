package io.claimpilot.privacy;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Erasing a customer pseudonymises them on their credit notes, with the pseudonym used on their claims, and keeps the
 * numbers and amounts, which the law requires.
 */
@QuarkusTest
class CreditNoteErasureTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;

    @Test
    void erasurePseudonymisesTheCustomerOnTheirCreditNotesAndKeepsNumbersAndAmounts() throws IOException {
        String customerId = uniqueId("cust");
        String name = "Oriane Effacée-" + uniqueId("n").substring(2, 10);
        String first = refunded(customerId, name, "18.00");
        String second = refunded(customerId, name, "24.60");
        String other = refunded(uniqueId("cust"), "Kept Customer", "5.00");
        String kept = "select number || ' ' || issue_date || ' ' || net || ' ' || vat || ' ' || gross || ' ' || lines || ' '"
                + " || vat_by_rate || ' ' || claim_id from credit_note where claim_id in (?1, ?2) order by number";
        List<String> before = db.strings(kept, first, second);
        assertThat(before).hasSize(2);
        assertThat(db.count("select count(*) from credit_note where claim_id in (?1, ?2) and customer_name = ?3", first, second, name))
                .isEqualTo(2);

        String pseudonym = as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200)
                .extract().path("pseudonym");

        assertThat(db.strings(kept, first, second)).isEqualTo(before);
        assertThat(db.count("select count(*) from credit_note where claim_id in (?1, ?2) and customer_id = ?3 and customer_name = ?3"
                + " and erased_at is not null", first, second, pseudonym)).isEqualTo(2);
        assertThat(db.count("select count(*) from credit_note where strpos(cast(to_jsonb(credit_note) as text), ?1) > 0"
                + " or strpos(cast(to_jsonb(credit_note) as text), ?2) > 0", name, customerId)).isZero();
        assertThat(db.count("select count(*) from credit_note where claim_id = ?1 and customer_name = 'Kept Customer'"
                + " and erased_at is null", other)).isEqualTo(1);

        String number = db.strings("select number from credit_note where claim_id = ?1", first).get(0);
        as(ACCOUNTANT).get("/api/credit-notes/" + number).then().statusCode(200)
                .body("customer", equalTo(pseudonym)).body("gross", equalTo("18.00")).body("number", equalTo(number));
        byte[] pdf = as(ACCOUNTANT).get("/api/credit-notes/" + number + ".pdf").then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replace('\u00A0', ' ');
            assertThat(text).contains(pseudonym, number).doesNotContain(name).doesNotContain(customerId);
        }

        // Erasing again changes nothing more, and the trigger would refuse a second pseudonymisation anyway.
        as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200);
        assertThat(db.strings(kept, first, second)).isEqualTo(before);
    }

    private String refunded(String customerId, String name, String amount) {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).customerId(customerId).customerName(name)
                .item(uniqueId("SKU"), 1, amount).map()).post("/api/claims").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
        return id;
    }
}
