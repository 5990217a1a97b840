package io.claimpilot.accounting;

import io.claimpilot.support.Db;
import io.claimpilot.support.PastDays;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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

/**
 * The reconciliation on a past day of its own (days 600 to 1200 after 2000-01-01, apart from RefundsJournalTest's):
 * two confirmed refunds (one whose payment has no provider reference), one waiting for its confirmation, one failed,
 * and one made in the Shopify admin.
 */
@QuarkusTest
class ReconciliationTest {

    static final ZoneId PARIS = PastDays.PARIS;

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
        visit = pastDays.enter(600, 1200);
        day = visit.day();
    }

    @AfterEach
    void clockAsBefore() {
        pastDays.leave(visit);
    }

    @Test
    void listsTheRefundsToLookAtAndTotalsPerDayAndCurrency() {
        String confirmed = create("25.00");
        String withoutReference = create("30.00");
        drain();
        db.execute("update outbox set provider_reference = null where claim_id = ?1 and action = 'REFUND'", withoutReference);
        String withoutReferenceNote = db.strings("select number from credit_note where claim_id = ?1", withoutReference).get(0);

        String waiting = create("40.00");
        // The provider took it and has not reported how it ended.
        db.execute("update outbox set status = 'AWAITING_CONFIRMATION', next_attempt_at = '9999-01-01T00:00:00Z'"
                + " where claim_id = ?1 and action = 'REFUND'", waiting);
        String failed = create("15.00");
        db.execute("update outbox set status = 'FAILED', updated_at = ?2 where claim_id = ?1 and action = 'REFUND'",
                failed, Timestamp.from(day.atTime(12, 0).atZone(PARIS).toInstant()));
        String shopifyRefund = uniqueId("re");
        String order = uniqueId("order");
        db.execute("insert into external_refund (provider, refund_id, order_id, amount, currency, refunded_at, recorded_at)"
                + " values ('shopify', ?1, ?2, 12.50, 'EUR', ?3, ?3)", shopifyRefund, order,
                Timestamp.from(day.atTime(15, 0).atZone(PARIS).toInstant()));

        clock.advance(Duration.ofHours(24));
        JsonPath nextDay = reconciliation();
        assertThat(nextDay.getList("unconfirmed")).as("24 h is not late yet").isEmpty();

        clock.advance(Duration.ofHours(48));
        JsonPath report = reconciliation();
        assertThat(report.getString("from")).isEqualTo(day.toString());
        assertThat(report.getString("unconfirmedAfter")).isEqualTo("PT48H");
        assertThat(report.getList("unconfirmed.claimId")).containsExactly(waiting);
        assertThat(report.getString("unconfirmed[0].consoleUrl")).isEqualTo("/console/claims/" + waiting);
        assertThat(report.getString("unconfirmed[0].amount.amount")).isEqualTo("40.00");
        assertThat(report.getString("unconfirmed[0].status")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(report.getList("failed.claimId")).containsExactly(failed);
        assertThat(report.getString("failed[0].consoleUrl")).isEqualTo("/console/claims/" + failed);
        assertThat(report.getString("failed[0].amount.amount")).isEqualTo("15.00");
        assertThat(report.getList("external.providerReference")).containsExactly(shopifyRefund);
        assertThat(report.getString("external[0].orderId")).isEqualTo(order);
        assertThat(report.getString("external[0].provider")).isEqualTo("shopify");
        assertThat(report.getString("external[0].amount.amount")).isEqualTo("12.50");
        assertThat(report.getString("external[0].claimId")).isNull();
        assertThat(report.getList("withoutProviderReference.creditNote")).containsExactly(withoutReferenceNote);
        assertThat(report.getString("withoutProviderReference[0].consoleUrl")).isEqualTo("/console/claims/" + withoutReference);
        assertThat(report.getList("unconfirmed.claimId") + " " + report.getList("withoutProviderReference.claimId"))
                .doesNotContain(confirmed);

        assertThat(report.getList("totals")).hasSize(1);
        assertThat(report.<Map<String, Object>>getJsonObject("totals[0]")).containsAllEntriesOf(Map.of(
                "day", day.toString(), "currency", "EUR",
                "decided", "110.00", "decidedCount", 4,
                "confirmed", "55.00", "confirmedCount", 2,
                "failed", "15.00", "failedCount", 1,
                "external", "12.50", "externalCount", 1));
    }

    @Test
    void onlyAccountantsAndAdminsReconcileAndBadPeriodsAreRefused() {
        as(AGENT).get("/api/accounting/reconciliation").then().statusCode(403);
        as(ANALYST).get("/api/accounting/reconciliation").then().statusCode(403);
        given().get("/api/accounting/reconciliation").then().statusCode(401);
        as(ADMIN).get("/api/accounting/reconciliation").then().statusCode(200);
        as(ACCOUNTANT).queryParam("to", "30/11/2026").get("/api/accounting/reconciliation").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("to"));
        as(ACCOUNTANT).queryParam("from", "2024-01-01").queryParam("to", "2025-12-31").get("/api/accounting/reconciliation")
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
    }

    private JsonPath reconciliation() {
        return as(ACCOUNTANT).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/accounting/reconciliation").then().statusCode(200).extract().jsonPath();
    }

    private String create(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).item("MUG-01", 1, amount).map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
    }

    private void drain() {
        pastDays.drain();
    }
}
