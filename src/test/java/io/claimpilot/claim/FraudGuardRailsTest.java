package io.claimpilot.claim;

import io.claimpilot.support.Api.ClaimBody;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The fraud guard rails of rules/guardrails.drl and rules/non-delivery.xlsx, through the real API, with the facts the
 * service computes: velocity across accounts (e-mail, normalised address), refunds over 90 days, duplicates on an
 * order's SKU, and non-delivery by tracking status and days since shipping. Each at both sides of its threshold.
 */
@QuarkusTest
class FraudGuardRailsTest {

    private static final String VELOCITY_RULE = "Guard rail: more than 3 claims in 30 days";
    private static final String REFUNDED_RULE = "Guard rail: more than 300 EUR refunded in 90 days";

    @Inject
    Db db;
    @Inject
    MutableClock clock;

    // --- Velocity across accounts --------------------------------------------------------------------------

    @Test
    void aFourthClaimWithTheSameEmailFromANewAccountGoesToAPerson() {
        String email = uniqueEmail("velocity");
        for (int i = 0; i < 3; i++) {
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email))
                    .body("status", equalTo("REFUND_APPROVED"));
        }
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(VELOCITY_RULE))
                .body("facts.emailClaimsLast30Days", equalTo(4))
                .body("facts.customerClaimsLast30Days", equalTo(1));
    }

    @Test
    void aThirdClaimWithTheSameEmailIsStillAutomatic() {
        String email = uniqueEmail("velocity");
        for (int i = 0; i < 2; i++) {
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email))
                    .body("status", equalTo("REFUND_APPROVED"));
        }
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.rulesFired", equalTo(List.of("Cancelled before shipment, up to the cap: refund")))
                .body("facts.emailClaimsLast30Days", equalTo(3));
    }

    @Test
    void emailVelocityIgnoresTheCaseOfTheAddress() {
        String email = uniqueEmail("Velocity");
        for (String variant : List.of(email, email.toLowerCase(), email.toUpperCase())) {
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(variant))
                    .body("status", equalTo("REFUND_APPROVED"));
        }
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email.toLowerCase()))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(VELOCITY_RULE))
                .body("facts.emailClaimsLast30Days", equalTo(4));
    }

    @Test
    void aFourthClaimToTheSameAddressWrittenDifferentlyGoesToAPerson() {
        String city = uniqueCity();
        String[] spellings = {"12, Rue de la Paix", "12 rue de la PAIX", "12 RUE DE LA PAIX", "12 rue de la Paix"};
        for (int i = 0; i < 3; i++) {
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress(spellings[i], "75002", city, "FR"))
                    .body("status", equalTo("REFUND_APPROVED"));
        }
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress(spellings[3], "75002", city.toUpperCase(), "FR"))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(VELOCITY_RULE))
                .body("facts.addressClaimsLast30Days", equalTo(4))
                .body("facts.emailClaimsLast30Days", equalTo(1))
                .body("facts.customerClaimsLast30Days", equalTo(1));
    }

    @Test
    void aThirdClaimToTheSameAddressIsStillAutomatic() {
        String city = uniqueCity();
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("12, Rue de la Paix", "75002", city, "FR"))
                .body("status", equalTo("REFUND_APPROVED"));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("12 rue de la PAIX", "75002", city, "FR"))
                .body("status", equalTo("REFUND_APPROVED"));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("12 Rue de la Paix", "75002", city, "FR"))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.addressClaimsLast30Days", equalTo(3));
    }

    @Test
    void claimsOlderThan30DaysNoLongerCountForVelocity() {
        String email = uniqueEmail("velocity");
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            earlier.add(submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email)).extract().path("id"));
        }
        backdate(earlier.get(0), Duration.ofDays(31));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(email))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.emailClaimsLast30Days", equalTo(3));
    }

    // --- Refunded over 90 days ----------------------------------------------------------------------------

    @Test
    void exactly300EurRefundedIn90DaysStillAllowsAnAutomaticRefund() {
        String customer = uniqueId("cust");
        refundEarlier(List.of("100.00", "100.00", "100.00"), body -> body.customerId(customer), Duration.ofDays(31));

        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.customerRefundedLast90Days", equalTo("300.00"))
                .body("facts.customerClaimsLast30Days", equalTo(1));
    }

    @Test
    void morethan300EurRefundedIn90DaysGoesToAPerson() {
        String customer = uniqueId("cust");
        refundEarlier(List.of("100.00", "100.00", "100.01"), body -> body.customerId(customer), Duration.ofDays(31));

        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(REFUNDED_RULE))
                .body("decision.reasons[0]", equalTo("The customer was refunded 300.01 EUR in the last 90 days (more than 300.00 EUR)"))
                .body("facts.customerRefundedLast90Days", equalTo("300.01"))
                .body("facts.customerClaimsLast30Days", equalTo(1));
    }

    @Test
    void refundsOlderThan90DaysNoLongerCount() {
        String customer = uniqueId("cust");
        refundEarlier(List.of("100.00", "100.00", "100.01"), body -> body.customerId(customer), Duration.ofDays(91));

        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.customerRefundedLast90Days", equalTo("0.00"));
    }

    @Test
    void refundsAreCountedAcrossAccountsByEmail() {
        String exactEmail = uniqueEmail("refunds");
        refundEarlier(List.of("100.00", "100.00", "100.00"), body -> body.email(exactEmail), Duration.ofDays(31));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(exactEmail))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.emailRefundedLast90Days", equalTo("300.00"))
                .body("facts.customerRefundedLast90Days", equalTo("0.00"));

        String overEmail = uniqueEmail("refunds");
        refundEarlier(List.of("100.00", "100.00", "100.01"), body -> body.email(overEmail), Duration.ofDays(31));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(overEmail))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(REFUNDED_RULE))
                .body("facts.emailRefundedLast90Days", equalTo("300.01"))
                .body("facts.customerRefundedLast90Days", equalTo("0.00"))
                .body("facts.emailClaimsLast30Days", equalTo(1));
    }

    @Test
    void refundsAreCountedAcrossAccountsByAddress() {
        String city = uniqueCity();
        refundEarlier(List.of("100.00", "100.00", "100.01"),
                body -> body.shippingAddress("3, Place de l'Église", "29000", city, "FR"), Duration.ofDays(31));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("3 place de l eglise", "29000", city, "FR"))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo(REFUNDED_RULE))
                .body("facts.addressRefundedLast90Days", equalTo("300.01"));
    }

    // --- Duplicates -------------------------------------------------------------------------------------------

    @Test
    void aSecondClaimForAnAlreadyReshippedSkuGoesToAPersonWithALinkToTheFirst() {
        String order = uniqueId("order");
        String customer = uniqueId("cust");
        String reshipped = inStock(uniqueId("SKU"));
        String other = inStock(uniqueId("SKU"));

        String first = submit(claim("RETURN_SCANNED", "25.00").orderId(order).customerId(customer).fulfillment("DELIVERED")
                .item(reshipped, 1, "25.00"))
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("facts.duplicateOfClaimId", nullValue())
                .extract().path("id");

        String duplicate = submit(claim("DAMAGED", "25.00").orderId(order).customerId(customer).fulfillment("DELIVERED")
                .item(reshipped, 1, "25.00").photo())
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo("Guard rail: items already refunded or reshipped"))
                .body("decision.reasons[0]", equalTo("Items of this claim were already refunded or reshipped for this order by claim "
                        + first + " (/api/claims/" + first + ")"))
                .body("facts.duplicateOfClaimId", equalTo(first))
                .extract().path("id");
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", duplicate)).isZero();

        submit(claim("DAMAGED", "25.00").orderId(order).customerId(customer).fulfillment("DELIVERED").item(other, 1, "25.00").photo())
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("decision.rulesFired", equalTo(List.of("Damaged with a photo, up to the cap, in stock: reship")))
                .body("facts.duplicateOfClaimId", nullValue());
    }

    @Test
    void anEarlierClaimThatWasNotActedOnIsNoDuplicate() {
        String order = uniqueId("order");
        String sku = inStock(uniqueId("SKU"));
        // Above the damaged cap: in review, nothing refunded or reshipped yet.
        submit(claim("DAMAGED", "80.00").orderId(order).fulfillment("DELIVERED").item(sku, 1, "80.00").photo())
                .body("status", equalTo("IN_REVIEW"));

        submit(claim("DAMAGED", "25.00").orderId(order).fulfillment("DELIVERED").item(sku, 1, "25.00").photo())
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("facts.duplicateOfClaimId", nullValue());
    }

    @Test
    void aRefundedSkuIsADuplicateToo() {
        String order = uniqueId("order");
        String sku = uniqueId("SKU"); // out of stock: the damaged claim is refunded
        String first = submit(claim("DAMAGED", "20.00").orderId(order).fulfillment("DELIVERED").item(sku, 1, "20.00").photo())
                .body("status", equalTo("REFUND_APPROVED"))
                .extract().path("id");

        submit(claim("DAMAGED", "20.00").orderId(order).fulfillment("DELIVERED").item(sku, 1, "20.00").photo())
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.duplicateOfClaimId", equalTo(first));
    }

    // --- Non-delivery -----------------------------------------------------------------------------------------

    @Test
    void notReceivedElevenDaysAfterShippingAndInStockIsReshipped() {
        String sku = inStock(uniqueId("SKU"));
        submit(notReceived(sku, Duration.ofDays(11), "IN_TRANSIT"))
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("decision.action", equalTo("RESHIP"))
                .body("decision.rulesFired", equalTo(List.of("Not received, more than 10 days after shipping, in stock: reship")))
                .body("facts.daysSinceShipped", equalTo(11))
                .body("facts.trackingStatus", equalTo("IN_TRANSIT"));
    }

    @Test
    void notReceivedTenDaysAfterShippingIsNotYetReshipped() {
        String sku = inStock(uniqueId("SKU"));
        String id = submit(notReceived(sku, Duration.ofDays(10), "IN_TRANSIT"))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("facts.daysSinceShipped", equalTo(10))
                .extract().path("id");
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", id)).isZero();

        // Almost 11 days is still 10 whole days.
        submit(notReceived(sku, Duration.ofDays(11).minusMinutes(1), "IN_TRANSIT"))
                .body("status", equalTo("IN_REVIEW"))
                .body("facts.daysSinceShipped", equalTo(10));
    }

    @Test
    void notReceivedLongAfterShippingButOutOfStockGoesToAPerson() {
        submit(notReceived(uniqueId("SKU"), Duration.ofDays(11), "IN_TRANSIT"))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired", equalTo(List.of("Not received, more than 10 days after shipping, out of stock: review")));
    }

    @Test
    void notReceivedButTrackingSaysDeliveredGoesToAPerson() {
        String sku = inStock(uniqueId("SKU"));
        submit(notReceived(sku, Duration.ofDays(30), "DELIVERED"))
                .body("status", equalTo("IN_REVIEW"))
                .body("status", not(equalTo("DENIED")))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.rulesFired", equalTo(List.of("Not received but tracking says delivered: review")))
                .body("decision.reasons[0]", equalTo("The customer says the parcel never arrived, but tracking says it was delivered"))
                .body("facts.trackingStatus", equalTo("DELIVERED"))
                .body("facts.daysSinceShipped", equalTo(30));
    }

    // --- The fact snapshot --------------------------------------------------------------------------------------

    @Test
    void theFactSnapshotShowsTheCountsAndTheBlocklistHit() {
        String email = uniqueEmail("snapshot");
        String city = uniqueCity();
        String customer = uniqueId("cust");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").email(email).shippingAddress("5 Rue Oberkampf", "75011", city, "FR"))
                .body("status", equalTo("REFUND_APPROVED"));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "2.50").customerId(customer).shippingAddress("5, rue Oberkampf", "75011", city, "FR"))
                .body("status", equalTo("REFUND_APPROVED"));
        db.execute("insert into blocklist_entry (kind, value, reason, created_by, created_at) values ('CUSTOMER_ID', ?1,"
                + " 'chargebacks on three orders', 'test', now())", customer);
        try {
            String id = submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer).email(email)
                    .shippingAddress("5 RUE OBERKAMPF", "75011", city, "FR"))
                    .body("status", equalTo("IN_REVIEW"))
                    .extract().path("id");

            ExtractableResponse<Response> stored = as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                    .body("decision.reasons[0]", equalTo("The customer, e-mail or address is on the blocklist: chargebacks on three orders"))
                    .body("facts.blocklisted", equalTo(true))
                    .body("facts.blocklistReason", equalTo("chargebacks on three orders"))
                    .body("facts.customerClaimsLast30Days", equalTo(2))
                    .body("facts.customerClaimsLast90Days", equalTo(2))
                    .body("facts.customerRefundedLast90Days", equalTo("2.50"))
                    .body("facts.customerRefundedLast30Days", equalTo("2.50"))
                    .body("facts.emailClaimsLast30Days", equalTo(2))
                    .body("facts.emailRefundedLast90Days", equalTo("40.00"))
                    .body("facts.addressClaimsLast30Days", equalTo(3))
                    .body("facts.addressRefundedLast90Days", equalTo("42.50"))
                    .body("facts.duplicateOfClaimId", nullValue())
                    .extract();
            assertThat(stored.<String>path("facts.claimId")).isEqualTo(id);
            assertThat(stored.<String>path("facts.now")).isNotBlank();
            // The snapshot is stored with the decision, not recomputed on read.
            assertThat(db.count("select count(*) from decision where claim_id = ?1 and facts->>'blocklisted' = 'true'"
                    + " and (facts->>'addressClaimsLast30Days')::int = 3", id)).isEqualTo(1);
        } finally {
            db.execute("delete from blocklist_entry where kind = 'CUSTOMER_ID' and value = ?1", customer);
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    private io.restassured.response.ValidatableResponse submit(ClaimBody body) {
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201);
    }

    private ClaimBody notReceived(String sku, Duration sinceShipping, String tracking) {
        Instant shippedAt = clock.instant().minus(sinceShipping);
        return claim("NOT_RECEIVED", "30.00").fulfillment("FULFILLED").item(sku, 1, "30.00")
                .shipped(shippedAt.toString(), tracking);
    }

    /** Earlier claims, each automatically refunded, then moved back in time (created and refunded) by {@code age}. */
    private void refundEarlier(List<String> amounts, java.util.function.UnaryOperator<ClaimBody> same, Duration age) {
        for (String amount : amounts) {
            String id = submit(same.apply(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount)))
                    .body("status", equalTo("REFUND_APPROVED"))
                    .body("decision.amount.amount", equalTo(amount))
                    .extract().path("id");
            backdate(id, age);
        }
    }

    private void backdate(String claimId, Duration age) {
        db.execute("update claim set created_at = created_at - make_interval(secs => ?2),"
                + " refund_approved_at = refund_approved_at - make_interval(secs => ?2) where id = ?1", claimId, (double) age.toSeconds());
    }

    private static String inStock(String sku) {
        as(ADMIN).body(Map.of("available", 5)).put("/api/stock/" + sku).then().statusCode(200);
        return sku;
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 12) + "@Example.com";
    }

    private static String uniqueCity() {
        StringBuilder letters = new StringBuilder("Paris ");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
