package io.claimpilot.outbox;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actions queued before the upgrade to typed payloads were maps, with the amount as a string beside its currency.
 * Rows still in the outbox then are rewritten by the V10 migration, and execute as if they had been queued typed.
 */
@QuarkusTest
class LegacyOutboxPayloadsTest {

    private static final Path MIGRATION = Path.of("src/main/resources/db/migration/V10__typed_actions.sql");

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;

    @Test
    void aRefundQueuedInTheOldShapeIsExecutedForItsAmountAndTheCustomerIsTold() throws IOException {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "37.50").item("MUG-01", 1, "37.50").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
        // As the service wrote them before the upgrade:
        db.execute("update outbox set payload = jsonb_build_object('orderId', c.order_id, 'amount', '37.50', 'currency', 'EUR',"
                + " 'paymentReference', c.payment_reference, 'shop', c.caller) from claim c"
                + " where outbox.claim_id = c.id and outbox.claim_id = ?1 and outbox.action = 'REFUND'", id);
        db.execute("update outbox set payload = '{\"situation\": \"ACKNOWLEDGMENT\"}'::jsonb"
                + " where claim_id = ?1 and action = 'NOTIFY_CUSTOMER'", id);
        db.execute("update outbox set payload = jsonb_build_object('decisionId', (payload ->> 'decisionId')::bigint)"
                + " where claim_id = ?1 and action = 'HELPDESK_NOTE'", id);

        upgrade();
        upgrade(); // a second run changes nothing
        drain();

        assertThat(db.count("select count(*) from sandbox_call where connector = 'payments' and claim_id = ?1"
                + " and request ->> 'amount' = '37.50' and request ->> 'currency' = 'EUR'", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and status <> 'DONE'", id)).isZero();
        as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
        // The refund's own message names the amount refunded, read from the upgraded refund.
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and payload ->> 'situation' = 'REFUND_ISSUED'"
                + " and payload -> 'amount' ->> 'amount' = '37.50'", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from customer_message where claim_id = ?1 and situation = 'ACKNOWLEDGMENT'", id))
                .isEqualTo(1);
    }

    @Test
    void aReshipmentQueuedInTheOldShapeShipsTheSameItems() throws IOException {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        String id = as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 2, "12.50").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("RESHIP_APPROVED")).extract().path("id");
        db.execute("update outbox set payload = jsonb_build_object('orderId', c.order_id, 'currency', 'EUR', 'shop', c.caller,"
                + " 'items', jsonb_build_array(jsonb_build_object('sku', ?2, 'quantity', 2, 'unitPrice', '12.50')))"
                + " from claim c where outbox.claim_id = c.id and outbox.claim_id = ?1 and outbox.action = 'RESHIP'", id, sku);

        upgrade();
        drain();

        assertThat(db.count("select count(*) from sandbox_call where connector = 'reshipments' and claim_id = ?1"
                + " and request -> 'items' -> 0 ->> 'sku' = ?2 and (request -> 'items' -> 0 ->> 'quantity')::int = 2", id, sku))
                .isEqualTo(1);
        as(AGENT).get("/api/claims/" + id).then().body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    /** Runs the migration's outbox statements again, as Flyway ran them on the rows present at the upgrade. */
    private void upgrade() throws IOException {
        Arrays.stream(Files.readString(MIGRATION).split(";"))
                .map(statement -> statement.replaceAll("(?m)^\\s*--.*$", "").strip())
                .filter(statement -> statement.startsWith("update outbox"))
                .forEach(statement -> db.execute(statement));
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
