package io.claimpilot.accounting;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An issued credit note is never changed or deleted, even through the service's own database connection: the V22
 * trigger refuses it. Erasure's pseudonymisation of the customer is the one change it lets through, once.
 */
@QuarkusTest
class CreditNoteUnalterableTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;

    @Test
    void theDatabaseRefusesToChangeAnAmountOrANumberOrToDeleteANote() {
        String number = issued("31.00");
        String before = row(number);

        for (String change : List.of("update credit_note set gross = gross + 1, net = net + 1 where number = ?1",
                "update credit_note set vat = 0, net = gross where number = ?1",
                "update credit_note set number = number || 'X' where number = ?1",
                "update credit_note set sequence_number = sequence_number + 1000000 where number = ?1",
                "update credit_note set lines = '[]' where number = ?1",
                "update credit_note set invoice_number = 'F-FORGED' where number = ?1",
                "delete from credit_note where number = ?1")) {
            assertThatThrownBy(() -> db.execute(change, number)).as(change).hasStackTraceContaining("is unalterable");
        }
        // The service's role may not even try to empty the table (and the trigger would refuse it).
        assertThatThrownBy(() -> db.execute("truncate credit_note")).satisfiesAnyOf(
                e -> assertThat(e).hasStackTraceContaining("unalterable"),
                e -> assertThat(e).hasStackTraceContaining("permission denied"));
        assertThat(row(number)).isEqualTo(before);
    }

    @Test
    void erasuresChangeOfTheCustomerPassesOnceAndOnlyAlone() {
        String number = issued("32.00");
        String amounts = db.strings("select number || ' ' || net || ' ' || vat || ' ' || gross from credit_note where number = ?1",
                number).get(0);

        // Pseudonymising while changing an amount is still a change of the amount.
        assertThatThrownBy(() -> db.execute("update credit_note set customer_id = 'anon_x', customer_name = 'anon_x',"
                + " erased_at = now(), gross = gross + 1, net = net + 1 where number = ?1", number))
                .hasStackTraceContaining("is unalterable");

        db.execute("update credit_note set customer_id = 'anon_first', customer_name = 'anon_first', erased_at = now()"
                + " where number = ?1", number);
        assertThat(db.strings("select customer_id || ' ' || customer_name from credit_note where number = ?1", number))
                .containsExactly("anon_first anon_first");

        assertThatThrownBy(() -> db.execute("update credit_note set customer_id = 'anon_again', customer_name = 'Someone'"
                + " where number = ?1", number)).hasStackTraceContaining("is unalterable");
        assertThatThrownBy(() -> db.execute("update credit_note set customer_id = 'anon_again', erased_at = now()"
                + " where number = ?1", number)).hasStackTraceContaining("is unalterable");
        assertThat(db.strings("select customer_id from credit_note where number = ?1", number)).containsExactly("anon_first");
        assertThat(db.strings("select number || ' ' || net || ' ' || vat || ' ' || gross from credit_note where number = ?1",
                number)).containsExactly(amounts);
    }

    private String row(String number) {
        return db.strings("select cast(to_jsonb(n) as text) from credit_note n where number = ?1", number).get(0);
    }

    private String issued(String amount) {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).customerName("Ina Unalterable")
                .item(uniqueId("SKU"), 1, amount).map()).post("/api/claims").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
        return db.strings("select number from credit_note where claim_id = ?1", id).get(0);
    }
}
