package io.claimpilot.outbox;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFakesResource;
import io.claimpilot.support.StripeFake;
import io.claimpilot.webhook.RefundStatusReported;
import io.claimpilot.webhook.ReshipmentShipped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher end to end: claims submitted through the API, actions executed by {@link Dispatcher#dispatchDue},
 * the sandbox or a WireMock Stripe on the other side, and the claim's status and audit afterwards.
 */
@QuarkusTest
@QuarkusTestResource(ProviderFakesResource.class)
class DispatcherTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    Outbox outbox;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @Inject
    Event<RefundStatusReported> refundReports;
    @Inject
    Event<ReshipmentShipped> shipments;
    @ConfigProperty(name = "claimpilot.stripe.base-url")
    String stripeUrl;

    private WireMock stripe;

    @BeforeEach
    void stripeShopAndFake() {
        // The Stripe shop's caller and key, and Stripe's answer to the payment read before each refund (PaymentCheck).
        stripe = new StripeFake(stripeUrl, db).wireMock();
    }

    // --- sandbox ------------------------------------------------------------------------------------------

    @Test
    void anApprovedRefundIsExecutedOnceAndTheClaimCompletes() {
        String id = refundClaim(SHOP, "pi_sandbox_1");
        assertThat(keys(id)).contains(id + ":REFUND", id + ":NOTIFY_CUSTOMER:ACKNOWLEDGMENT")
                .anyMatch(key -> key.startsWith(id + ":HELPDESK_NOTE:"));

        drain();
        drain();

        assertThat(db.count("select count(*) from sandbox_call where connector = 'payments' and idempotency_key = ?1",
                id + ":REFUND")).isEqualTo(1);
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(action(id, "REFUND").get("status")).isEqualTo("DONE");
        assertThat((String) action(id, "REFUND").get("providerReference")).startsWith("re_sandbox_");
        assertThat(audit(id)).containsSubsequence("REFUND_APPROVED", "EXECUTING", "COMPLETED");
        assertThat(db.count("select count(*) from claim_audit where claim_id = ?1 and actor = 'dispatcher'", id)).isEqualTo(2);
        // The customer hears the refund went through, with the amount refunded.
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1 and payload->>'situation' = 'REFUND_ISSUED'"
                + " and payload->'amount'->>'amount' = '89.90' and payload->'amount'->>'currency' = 'EUR'", id + ":NOTIFY_CUSTOMER:REFUND_ISSUED")).isEqualTo(1);
    }

    @Test
    void anActionWithoutAnExecutorStaysPendingAndDoesNotHoldTheClaimBack() {
        String id = refundClaim(SHOP, "pi_sandbox_2");
        long orphan = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(id, "NO_SUCH_CONNECTOR", null, new OrphanAction("x")));

        drain();

        assertThat(db.count("select count(*) from outbox where id = ?1 and status = 'PENDING' and attempts = 0", orphan)).isEqualTo(1);
        assertThat(status(id)).isEqualTo("COMPLETED");
    }

    @Test
    void aReshipmentIsCreatedOnceThenShippedWithItsTrackingNumber() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 2)).put("/api/stock/" + sku).then().statusCode(200);
        String customer = uniqueId("cust");
        String id = as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00")
                        .customerId(customer).shippingAddress(uniqueId("1 rue de la Paix, bât. "), "75002", "Paris", "FR").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("RESHIP_APPROVED")).extract().path("id");

        drain();
        drain();

        assertThat(db.count("select count(*) from sandbox_call where connector = 'reshipments' and idempotency_key = ?1",
                id + ":RESHIP")).isEqualTo(1);
        assertThat(status(id)).isEqualTo("COMPLETED");

        shipments.fire(new ReshipmentShipped(id + ":RESHIP", "1Z999AA10123456784", "ups", clock.instant()));
        shipments.fire(new ReshipmentShipped(id + ":RESHIP", "1Z999AA10123456784", "ups", clock.instant()));

        Map<String, Object> reship = action(id, "RESHIP");
        assertThat((Map<String, Object>) reship.get("result")).containsEntry("trackingNumber", "1Z999AA10123456784")
                .containsEntry("carrier", "ups");
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1 and payload->>'trackingNumber' = '1Z999AA10123456784'",
                id + ":NOTIFY_CUSTOMER:RESHIPMENT_SHIPPED")).isEqualTo(1);

        // Erasing the customer removes the tracking number from the outbox too.
        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and (payload->>'trackingNumber' is not null or result->>'trackingNumber' is not null)",
                id)).isZero();
        assertThat(db.count("select count(*) from claim where id = ?1 and ship_to is null", id)).isEqualTo(1);
    }

    @Test
    void theKillSwitchHoldsRefundsUntilAutomationResumes() {
        String id = refundClaim(SHOP, "pi_sandbox_3");
        as(ADMIN).body(Map.of("reason", "dispatcher test")).post("/api/automation/pause").then().statusCode(200);
        try {
            drain();
            assertThat(action(id, "REFUND").get("status")).isEqualTo("PENDING");
            assertThat(db.count("select count(*) from sandbox_call where idempotency_key = ?1", id + ":REFUND")).isZero();
            assertThat(status(id)).isEqualTo("REFUND_APPROVED");
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
        drain();
        assertThat(action(id, "REFUND").get("status")).isEqualTo("DONE");
        assertThat(status(id)).isEqualTo("COMPLETED");
    }

    // --- Stripe fake ------------------------------------------------------------------------------------

    @Test
    void a429IsRetriedAfterItsRetryAfterWithTheSameIdempotencyKey() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "pi_3MtwBwLkdIwHu7ix28a3tqPa");
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("allowed")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Too many requests\",\"type\":\"invalid_request_error\",\"code\":\"rate_limit\"}}")));
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs("allowed")
                .willReturn(refund("re_429", "succeeded", 8990)));

        Instant first = clock.instant();
        drain();
        Map<String, Object> waiting = action(id, "REFUND");
        assertThat(waiting.get("status")).isEqualTo("PENDING");
        assertThat(waiting.get("attempts")).isEqualTo(1);
        assertThat(Instant.parse((String) waiting.get("nextAttemptAt"))).isEqualTo(first.plusSeconds(7));
        assertThat((String) waiting.get("lastError")).contains("429");
        assertThat(status(id)).isEqualTo("EXECUTING");

        clock.advance(Duration.ofSeconds(7));
        drain();

        assertThat(action(id, "REFUND").get("status")).isEqualTo("DONE");
        assertThat(status(id)).isEqualTo("COMPLETED");
        List<LoggedRequest> calls = stripeCalls(id);
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getHeader("Idempotency-Key")).isEqualTo(id + ":REFUND");
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk_test_fake");
            assertThat(call.getBodyAsString()).contains("payment_intent=pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount=8990",
                    "reason=requested_by_customer");
        });
    }

    @Test
    void aTimeoutIsRetriedWithTheSameIdempotencyKeyAndRefundsOnce() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "pi_timeout");
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(refund("re_slow", "succeeded", 8990).withFixedDelay(5000)));
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs("answered")
                .willReturn(refund("re_slow", "succeeded", 8990)));

        Instant first = clock.instant();
        drain();
        Map<String, Object> waiting = action(id, "REFUND");
        assertThat(waiting.get("status")).isEqualTo("PENDING");
        assertThat((String) waiting.get("lastError")).contains("did not answer");
        // Exponential backoff with jitter: the first retry waits between half and all of the base (10 s in tests).
        assertThat(Instant.parse((String) waiting.get("nextAttemptAt"))).isBetween(first.plusSeconds(5), first.plusSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        drain();

        assertThat(action(id, "REFUND").get("providerReference")).isEqualTo("re_slow");
        assertThat(stripeCalls(id)).hasSize(2)
                .allSatisfy(call -> assertThat(call.getHeader("Idempotency-Key")).isEqualTo(id + ":REFUND"));
    }

    @Test
    void aProviderThatKeepsFailingEndsFailedIsListedAndCanBeRetriedByAnAdmin() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "ch_3MmlLrLkdIwHu7ix0snN0B15");
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Service unavailable\",\"type\":\"api_error\"}}")));

        for (int attempt = 0; attempt < 3; attempt++) {
            drain();
            clock.advance(Duration.ofMinutes(1));
        }

        Map<String, Object> failed = action(id, "REFUND");
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("attempts")).isEqualTo(3);
        assertThat((String) failed.get("lastError")).contains("Gave up after 3 attempts", "503");
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(stripeCalls(id)).hasSize(3).allSatisfy(call ->
                assertThat(call.getBodyAsString()).contains("charge=ch_3MmlLrLkdIwHu7ix0snN0B15"));
        as(ADMIN).queryParam("status", "FAILED").queryParam("claimId", id).get("/api/actions").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].action", org.hamcrest.Matchers.equalTo("REFUND"));

        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id)).atPriority(1)
                .willReturn(refund("re_after_retry", "succeeded", 8990)));
        Number actionId = (Number) failed.get("id");
        as(ADMIN).post("/api/actions/" + actionId + "/retry").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("attempts", org.hamcrest.Matchers.equalTo(0));
        assertThat(status(id)).isEqualTo("EXECUTING");
        as(ADMIN).post("/api/actions/" + actionId + "/retry").then().statusCode(409);

        drain();

        assertThat(action(id, "REFUND").get("status")).isEqualTo("DONE");
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(stripeCalls(id)).hasSize(4).allSatisfy(call ->
                assertThat(call.getHeader("Idempotency-Key")).isEqualTo(id + ":REFUND"));
    }

    @Test
    void aChargeAlreadyRefundedSendsTheClaimToAPersonWhoseNewRefundGetsANewKey() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "ch_refunded");
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .withFormParam("amount", equalTo("8990"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"charge_already_refunded\",\"doc_url\":\"https://stripe.com/docs/error-codes/charge-already-refunded\","
                                + "\"message\":\"Charge ch_refunded has already been refunded.\",\"param\":\"charge\",\"type\":\"invalid_request_error\"}}")));

        drain();

        assertThat(action(id, "REFUND").get("status")).isEqualTo("FAILED");
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        assertThat(audit(id)).containsSubsequence("EXECUTING", "FAILED", "IN_REVIEW");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null"
                + " and reason like '%charge_already_refunded%'", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1", id + ":NOTIFY_CUSTOMER:UNDER_REVIEW")).isEqualTo(1);

        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .withFormParam("amount", equalTo("2000")).willReturn(refund("re_partial", "succeeded", 2000)));
        as(AGENT).body(Map.of("action", "REFUND", "amount", Map.of("amount", "20.00", "currency", "EUR"),
                "note", "Only the shipping was left to refund")).post("/api/reviews/" + id + "/resolve").then().statusCode(200);
        drain();

        assertThat(status(id)).isEqualTo("COMPLETED");
        List<LoggedRequest> calls = stripeCalls(id);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getHeader("Idempotency-Key")).startsWith(id + ":REFUND:d").isNotEqualTo(id + ":REFUND");
    }

    @Test
    void aPendingRefundWaitsForStripesWebhookToComplete() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "pi_pending");
        String refundId = "re_" + id.substring(3, 15);
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(refund(refundId, "pending", 8990)));

        drain();
        assertThat(action(id, "REFUND").get("status")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(status(id)).isEqualTo("EXECUTING");
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1", id + ":NOTIFY_CUSTOMER:REFUND_ISSUED")).isZero();

        refundReports.fire(new RefundStatusReported(id, "stripe", refundId, "succeeded", null));

        assertThat(action(id, "REFUND").get("status")).isEqualTo("DONE");
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1", id + ":NOTIFY_CUSTOMER:REFUND_ISSUED")).isEqualTo(1);
        // A replayed report changes nothing.
        refundReports.fire(new RefundStatusReported(id, "stripe", refundId, "failed", "expired_or_canceled_card"));
        assertThat(status(id)).isEqualTo("COMPLETED");
    }

    @Test
    void aRefundThatFailsLaterGoesToAPerson() {
        String id = refundClaim(ProviderFakesResource.STRIPE_SHOP_KEY, "pi_fails_later");
        String refundId = "re_f" + id.substring(3, 15);
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(refund(refundId, "pending", 8990)));
        drain();

        refundReports.fire(new RefundStatusReported(id, "stripe", refundId, "failed", "expired_or_canceled_card"));

        assertThat(action(id, "REFUND").get("status")).isEqualTo("FAILED");
        assertThat((String) action(id, "REFUND").get("lastError")).contains("expired_or_canceled_card");
        assertThat(status(id)).isEqualTo("IN_REVIEW");
    }

    // --- admin endpoints --------------------------------------------------------------------------------

    @Test
    void theActionListChecksItsInputAndRetryOnlyTakesFailedActions() {
        as(ADMIN).queryParam("status", "BOGUS").get("/api/actions").then().statusCode(400)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("status"));
        as(ADMIN).queryParam("size", 0).get("/api/actions").then().statusCode(400);
        as(ADMIN).post("/api/actions/999999999/retry").then().statusCode(404);

        String id = refundClaim(SHOP, "pi_sandbox_4");
        Number pending = (Number) action(id, "REFUND").get("id");
        as(ADMIN).post("/api/actions/" + pending + "/retry").then().statusCode(409);
        as(AGENT).get("/api/actions").then().statusCode(403);
    }

    // ------------------------------------------------------------------------------------------------------

    private String refundClaim(String shopKey, String paymentReference) {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").item("MUG-01", 1, "89.90").map();
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) body.get("order");
        order.put("paymentReference", paymentReference);
        return as(shopKey).body(body).post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("REFUND_APPROVED")).extract().path("id");
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refund(String id, String status, long amount) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"%s","object":"refund","amount":%d,"balance_transaction":null,"charge":"ch_1","created":1692942318,
                         "currency":"eur","destination_details":null,"metadata":{},"payment_intent":"pi_1","reason":"requested_by_customer",
                         "receipt_number":null,"source_transfer_reversal":null,"status":"%s","transfer_reversal":null}
                        """.formatted(id, amount, status));
    }

    private List<LoggedRequest> stripeCalls(String claimId) {
        return stripe.find(postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(claimId)));
    }

    private String status(String claimId) {
        return as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).extract().path("status");
    }

    private List<String> audit(String claimId) {
        return as(AGENT).get("/api/claims/" + claimId + "/audit").then().statusCode(200).extract().path("to");
    }

    private List<String> keys(String claimId) {
        return java.util.stream.Stream.of("PENDING", "DONE", "FAILED", "IN_PROGRESS", "AWAITING_CONFIRMATION")
                .flatMap(status -> as(ADMIN).queryParam("status", status).queryParam("claimId", claimId).queryParam("size", 100)
                        .get("/api/actions").then().statusCode(200).extract().<List<String>>path("items.idempotencyKey").stream())
                .toList();
    }

    /** The claim's latest action of this kind, as the admin API shows it. */
    private Map<String, Object> action(String claimId, String action) {
        return java.util.stream.Stream.of("PENDING", "DONE", "FAILED", "IN_PROGRESS", "AWAITING_CONFIRMATION")
                .flatMap(status -> as(ADMIN).queryParam("status", status).queryParam("claimId", claimId).queryParam("size", 100)
                        .get("/api/actions").then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream())
                .filter(view -> view.get("action").equals(action))
                .max(java.util.Comparator.comparingLong(view -> ((Number) view.get("id")).longValue()))
                .orElseThrow(() -> new AssertionError("No " + action + " action for " + claimId));
    }

    /** An action kind that no connector of this service executes. */
    record OrphanAction(String note) {
    }
}
