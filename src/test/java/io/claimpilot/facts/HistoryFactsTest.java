package io.claimpilot.facts;

import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimHistory.By;
import io.claimpilot.common.Money;
import io.claimpilot.support.Api.ClaimBody;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts' one-query history ({@link HistoryFacts}) gives exactly what the same questions asked one by one give
 * ({@link ClaimHistory}, {@link BlocklistService#match}): on a customer with claims under several e-mails and one
 * address, refunds, a blocklisted e-mail and an earlier claim that covered the same SKU.
 */
@QuarkusTest
class HistoryFactsTest {

    @Inject
    HistoryFacts historyFacts;
    @Inject
    ClaimHistory history;
    @Inject
    BlocklistService blocklist;
    @Inject
    Clock clock;

    @Test
    void oneQueryAnswersAsTheQuestionsAskedOneByOne() {
        String customer = uniqueId("hist-c");
        String order = uniqueId("hist-o");
        String email = customer + "@example.com";
        String otherEmail = customer + "-other@example.com";
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "12.50").customerId(customer).email(email).orderId(order)
                .totalPaid("100.00").item("MUG-01", 1, "12.50").shippingAddress("1 rue des Lilas", "75001", "Paris", "FR"));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "7.25").customerId(customer).email(otherEmail)
                .shippingAddress("1 rue des Lilas", "75001", "Paris", "FR"));
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "3.00").customerId(uniqueId("hist-other")).email(email));
        as(ADMIN).body(Map.of("kind", "EMAIL", "value", otherEmail.toUpperCase(), "reason", "chargebacks"))
                .post("/api/blocklist").then().statusCode(201);
        String last = submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").customerId(customer).email(otherEmail)
                .orderId(order).totalPaid("100.00").item("MUG-01", 1, "20.00")
                .shippingAddress("1 rue des Lilas", "75001", "Paris", "FR"));

        compare(last, List.of("MUG-01"));
        compare(last, List.of("OTHER-SKU"));
        compare(last, List.of());
    }

    @Transactional
    void compare(String claimId, List<String> skus) {
        Claim claim = Claim.findById(claimId);
        Instant now = clock.instant();
        Instant since30 = now.minus(Duration.ofDays(30));
        Instant since90 = now.minus(Duration.ofDays(90));
        HistoryFacts.History past = historyFacts.of(claim, skus, now);

        assertThat(past.customerClaims30()).isEqualTo(history.claimsSince(By.CUSTOMER, claim.customerId, since30)).isEqualTo(3);
        assertThat(past.customerClaims90()).isEqualTo(history.claimsSince(By.CUSTOMER, claim.customerId, since90));
        assertThat(past.customerRefunded30()).isEqualByComparingTo(history.refundedSince(By.CUSTOMER, claim.customerId, "EUR", since30));
        assertThat(past.customerRefunded90()).isEqualByComparingTo(history.refundedSince(By.CUSTOMER, claim.customerId, "EUR", since90))
                .isEqualByComparingTo("19.75");
        assertThat(past.emailClaims30()).isEqualTo(history.claimsSince(By.EMAIL, claim.customerEmail, since30)).isEqualTo(2);
        assertThat(past.emailRefunded90()).isEqualByComparingTo(history.refundedSince(By.EMAIL, claim.customerEmail, "EUR", since90));
        assertThat(past.addressClaims30()).isEqualTo(history.claimsSince(By.ADDRESS, claim.addressKey, since30)).isEqualTo(3);
        assertThat(past.addressRefunded90()).isEqualByComparingTo(history.refundedSince(By.ADDRESS, claim.addressKey, "EUR", since90));
        assertThat(past.blocklistReason()).isEqualTo(blocklist.match(claim.customerId, claim.customerEmail, claim.addressKey).orElse(null))
                .isEqualTo("chargebacks");
        assertThat(past.earlierClaimCovering())
                .isEqualTo(history.earlierClaimCovering(claim.orderId, skus, claim.id).orElse(null));
        assertThat(past.refundedOnOrder()).isEqualByComparingTo(history.refundedOnOrder(claim.orderId, claim.id))
                .isEqualByComparingTo("12.50");
        assertThat(history.leftToRefund(claim, past.refundedOnOrder())).isEqualTo(history.leftToRefund(claim))
                .isEqualTo(Money.of("87.50", "EUR"));
        if (skus.contains("MUG-01")) {
            assertThat(past.earlierClaimCovering()).isNotNull();
        }
    }

    private static String submit(ClaimBody body) {
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201).extract().path("id");
    }
}
