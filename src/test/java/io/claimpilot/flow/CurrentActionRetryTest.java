package io.claimpilot.flow;

import io.claimpilot.action.ReshipOrder;
import io.claimpilot.common.Money;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.outbox.Outbox;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.support.Db;
import io.claimpilot.support.ProviderFakesResource;
import io.claimpilot.support.StripeFake;
import io.claimpilot.webhook.RefundStatusReported;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.StripeFake.error;
import static io.claimpilot.support.StripeFake.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Only a claim's current refund or reshipment can run, and only it can be retried: one an agent's new resolution or a
 * cancellation replaced is SUPERSEDED for good. Against the WireMock Stripe, so the refunds Stripe was asked for are
 * counted.
 */
@QuarkusTest
@QuarkusTestResource(ProviderFakesResource.class)
class CurrentActionRetryTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Outbox outbox;
    @Inject
    Db db;
    @Inject
    Event<RefundStatusReported> refundReports;
    @ConfigProperty(name = "claimpilot.stripe.base-url")
    String stripeUrl;

    private StripeFake stripe;

    @BeforeEach
    void stripe() {
        stripe = new StripeFake(stripeUrl, db);
    }

    @Test
    void retryingTheRefundAnAgentReplacedIsRefusedNamingTheCurrentOneAndStripeRefundsOnce() {
        String id = stripe.refundClaim("pi_replaced");
        // Stripe refuses the first refund; asked again with the same key later, it would make it.
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo(id + ":REFUND"))
                .inScenario(id).whenScenarioStateIs(STARTED).willSetStateTo("refused once")
                .willReturn(error(400, "amount_too_large", "Refund amount is greater than the unrefunded amount")));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo(id + ":REFUND"))
                .inScenario(id).whenScenarioStateIs("refused once")
                .willReturn(refund("re_old_" + id.substring(3, 12), "succeeded", 8990)));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", newKey(id))
                .willReturn(refund("re_new_" + id.substring(3, 12), "pending", 5000)));

        drain();
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        long oldRefund = actionId(id + ":REFUND");

        as(AGENT).body(Map.of("action", "REFUND", "amount", Map.of("amount", "50.00", "currency", "EUR"),
                "note", "Refund what is left")).post("/api/reviews/" + id + "/resolve").then().statusCode(200);
        drain();
        long newRefund = latestRefund(id);
        assertThat(actionStatus(newRefund)).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(status(id)).isEqualTo("EXECUTING");
        assertThat(actionStatus(oldRefund)).isEqualTo("SUPERSEDED");

        as(ADMIN).post("/api/actions/" + oldRefund + "/retry").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("action " + newRefund), containsString("not the current action")));
        drain();

        assertThat(actionStatus(oldRefund)).isEqualTo("SUPERSEDED");
        assertThat(stripe.refundsAskedFor(id)).extracting(call -> call.getHeader("Idempotency-Key"))
                .containsExactly(id + ":REFUND", id + ":REFUND:d" + decisionOf(newRefund));
        refundReports.fire(new RefundStatusReported(id, "stripe", "re_new_" + id.substring(3, 12), "succeeded", null));
        assertThat(status(id)).isEqualTo("COMPLETED");
        // The admin list shows what was replaced, and by whom.
        as(ADMIN).queryParam("status", "SUPERSEDED").queryParam("claimId", id).get("/api/actions").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].id", org.hamcrest.Matchers.equalTo((int) oldRefund));
    }

    @Test
    void onlyTheCurrentActionOfAFailedClaimCanBeRetried() {
        String id = stripe.refundClaim("pi_failed_twice");
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo(id + ":REFUND"))
                .willReturn(error(400, "amount_too_large", "Refund amount is greater than the unrefunded amount")));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", newKey(id))
                .inScenario(id).whenScenarioStateIs(STARTED).willSetStateTo("failed once")
                .willReturn(StripeFake.json(403, "{\"error\":{\"message\":\"The key lacks the refund permission\",\"type\":\"invalid_request_error\"}}")));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", newKey(id))
                .inScenario(id).whenScenarioStateIs("failed once")
                .willReturn(refund("re_second_" + id.substring(3, 12), "succeeded", 5000)));
        drain();
        long oldRefund = actionId(id + ":REFUND");
        as(AGENT).body(Map.of("action", "REFUND", "amount", Map.of("amount", "50.00", "currency", "EUR"),
                "note", "Refund what is left")).post("/api/reviews/" + id + "/resolve").then().statusCode(200);
        drain();
        long newRefund = latestRefund(id);
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(actionStatus(newRefund)).isEqualTo("FAILED");

        as(ADMIN).post("/api/actions/" + oldRefund + "/retry").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("action " + newRefund));
        as(ADMIN).post("/api/actions/" + newRefund + "/retry").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        assertThat(status(id)).isEqualTo("EXECUTING");
        drain();

        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(stripe.refundsAskedFor(id)).extracting(call -> call.getHeader("Idempotency-Key"))
                .containsOnlyOnce(id + ":REFUND").hasSize(3);
        // Done is done: neither can be retried now.
        as(ADMIN).post("/api/actions/" + newRefund + "/retry").then().statusCode(409);
        as(ADMIN).post("/api/actions/" + oldRefund + "/retry").then().statusCode(409);
    }

    @Test
    void cancellingAClaimInReviewSupersedesItsFailedRefund() {
        String id = stripe.refundClaim("ch_cancelled_in_review");
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(error(400, "charge_already_refunded", "Charge ch_cancelled_in_review has already been refunded.")));
        drain();
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        long refund = actionId(id + ":REFUND");

        as(ProviderFakesResource.STRIPE_SHOP_KEY).body(Map.of("reason", "Refunded by hand in Stripe"))
                .post("/api/claims/" + id + "/cancel").then().statusCode(200);

        assertThat(actionStatus(refund)).isEqualTo("SUPERSEDED");
        as(ADMIN).post("/api/actions/" + refund + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("CANCELLED"));
        drain();
        assertThat(stripe.refundsAskedFor(id)).hasSize(1);
    }

    @Test
    void cancellingAClaimSupersedesAPendingReshipmentSoItNeverRuns() {
        String id = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "150.01").map()).post("/api/claims").then()
                .statusCode(201).body("status", org.hamcrest.Matchers.equalTo("IN_REVIEW")).extract().path("id");
        // A reshipment still queued from an earlier decision of the claim.
        long reship = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(id, ReshipOrder.ACTION, null,
                new ReshipOrder(id, SHOP, "order-1", "EUR", List.of(new ReshipOrder.Item("MUG-01", 1, Money.of("150.01", "EUR"))))));

        as(SHOP).body(Map.of("reason", "The customer withdrew it")).post("/api/claims/" + id + "/cancel").then().statusCode(200);
        drain();

        assertThat(actionStatus(reship)).isEqualTo("SUPERSEDED");
        assertThat(db.count("select count(*) from sandbox_call where connector = 'reshipments' and claim_id = ?1", id)).isZero();
        as(ADMIN).post("/api/actions/" + reship + "/retry").then().statusCode(409);
    }

    // ------------------------------------------------------------------------------------------------------

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern newKey(String claimId) {
        return matching(Pattern.quote(claimId + ":REFUND:d") + "\\d+");
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }

    private String status(String claimId) {
        return as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).extract().path("status");
    }

    private long actionId(String idempotencyKey) {
        return db.count("select id from outbox where idempotency_key = ?1", idempotencyKey);
    }

    private long latestRefund(String claimId) {
        return db.count("select max(id) from outbox where claim_id = ?1 and action = 'REFUND'", claimId);
    }

    private long decisionOf(long action) {
        return db.count("select cast(substring(idempotency_key from ':d([0-9]+)$') as bigint) from outbox where id = ?1", action);
    }

    private String actionStatus(long action) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.<OutboxEntry>findById(action).status.name());
    }
}
