package io.claimpilot.accounting;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;

/** A confirmed refund gets exactly one credit note, numbered in the year's series, in the confirmation's transaction. */
@QuarkusTest
class CreditNoteIssueTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;

    @Test
    void aCompletedRefundHasOneCreditNoteWithItsVatAndTheReasonCode() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "42.00").item("MUG-01", 1, "42.00").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
        assertThat(db.count("select count(*) from credit_note where claim_id = ?1", id)).isZero();

        drain();

        assertThat(db.strings("select status from claim where id = ?1", id)).containsExactly("COMPLETED");
        assertThat(db.strings("select number || ' ' || net || ' ' || vat || ' ' || gross || ' ' || reason_code || ' ' || payment_provider"
                + " from credit_note where claim_id = ?1", id))
                .singleElement().asString().matches("AV-\\d{4}-\\d{6} 35\\.0000 7\\.0000 42\\.0000 ANNULATION sandbox");
        drain();
        assertThat(db.count("select count(*) from credit_note where claim_id = ?1", id)).isEqualTo(1);
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
