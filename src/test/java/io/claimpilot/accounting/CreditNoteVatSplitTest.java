package io.claimpilot.accounting;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** A claim with mixed VAT rates and shipping, refunded through the whole flow: its credit note has the split lines. */
@QuarkusTest
class CreditNoteVatSplitTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;

    @Test
    @SuppressWarnings("unchecked")
    void aRefundedClaimWithMixedRatesHasACreditNoteWithALinePerItemAndTheShippingSplitOverTheRates() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "51.10")
                .item("MUG-01", 1, "24.00").item("BOOK-01", 2, "10.55").map();
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        items.set(0, new LinkedHashMap<>(items.get(0)));
        items.get(0).put("taxRate", "20.0");
        items.get(1).put("taxRate", "5.5");
        body.put("shipping", Map.of("amount", money("6.00")));
        ((Map<String, Object>) body.get("order")).put("invoiceNumber", "FA-2026-0042");
        ((Map<String, Object>) body.get("order")).put("invoiceDate", "2026-11-20");

        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201).extract().path("id");
        drain();

        assertThat(db.strings("select status from claim where id = ?1", id)).containsExactly("COMPLETED");
        assertThat(db.strings("select l->>'description' || ' | ' || (l->>'net') || ' | ' || (l->>'vat') || ' | '"
                + " || (l->>'gross') || ' | ' || (l->>'taxRate')"
                + " from credit_note, jsonb_array_elements(lines) with ordinality as e(l, n) where claim_id = ?1 order by n", id))
                .containsExactly(
                        "MUG-01 × 1 | 20.00 | 4.00 | 24.00 | 20.0",
                        "BOOK-01 × 2 | 20.00 | 1.10 | 21.10 | 5.5",
                        "Shipping | 2.84 | 0.16 | 3.00 | 5.5",
                        "Shipping | 2.50 | 0.50 | 3.00 | 20.0");
        assertThat(db.strings("select (r->>'taxRate') || ' ' || (r->>'net') || ' ' || (r->>'vat')"
                + " from credit_note, jsonb_array_elements(vat_by_rate) with ordinality as e(r, n) where claim_id = ?1 order by n", id))
                .containsExactly("5.5 22.84 1.26", "20.0 22.50 4.50");
        assertThat(db.strings("select net || ' ' || vat || ' ' || gross || ' ' || invoice_number || ' ' || invoice_date"
                + " from credit_note where claim_id = ?1", id))
                .containsExactly("45.3400 5.7600 51.1000 FA-2026-0042 2026-11-20");
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
