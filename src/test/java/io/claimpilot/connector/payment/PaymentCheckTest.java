package io.claimpilot.connector.payment;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.StripeFake;
import io.claimpilot.support.ProviderFakesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Before a refund leaves, the payment connector reads the payment at the provider (here a WireMock Stripe) and checks
 * the refund against what the provider says is left, in the payment's currency. A mismatch is never paid and never
 * retried: the claim goes back to a person with the provider's figures.
 */
@QuarkusTest
@QuarkusTestResource(ProviderFakesResource.class)
class PaymentCheckTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @ConfigProperty(name = "claimpilot.stripe.base-url")
    String stripeUrl;

    private WireMock stripe;

    @BeforeEach
    void stripeShopAndFake() {
        // The Stripe shop's caller and key, and Stripe's answer to the payment read before each refund (PaymentCheck).
        stripe = new StripeFake(stripeUrl, db).wireMock();
    }

    @Test
    void stripeSayingLessIsLeftSendsTheClaimBackToReviewWithStripesFiguresAndRefundsNothing() {
        String paymentIntent = "pi_" + unique();
        // 100.00 of the 120.00 were refunded in the Stripe dashboard, which ClaimPilot never heard of.
        stripe.register(get(urlPathEqualTo("/v1/payment_intents/" + paymentIntent))
                .willReturn(paymentIntent(paymentIntent, 12000, 10000, "eur", "[]")));
        String id = refundClaim(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "50.00").totalPaid("120.00")
                .paymentReference(paymentIntent));

        drain();
        clock.advance(Duration.ofMinutes(5));
        drain();

        assertThat(status(id)).isEqualTo("IN_REVIEW");
        String reason = "Stripe says payment " + paymentIntent + " has 20.00 EUR left to refund (120.00 EUR paid,"
                + " 100.00 EUR refunded): the refund of 50.00 EUR was not made";
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null and reason like ?2",
                id, "%" + reason + "%")).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND' and status = 'FAILED'", id))
                .isEqualTo(1);
        assertThat(refundCalls(id)).isEmpty();
        // Read once, with its charge and the charge's refunds, and not again: a retry cannot make the figures fit.
        assertThat(stripe.find(getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + paymentIntent)))).singleElement()
                .satisfies(read -> assertThat(read.getUrl()).contains("expand"));
    }

    @Test
    void aRefundInForintsAgainstAEuroPaymentIntentIsRefusedBeforeAnyRefundCall() {
        String paymentIntent = "pi_" + unique();
        stripe.register(get(urlPathEqualTo("/v1/payment_intents/" + paymentIntent))
                .willReturn(paymentIntent(paymentIntent, 50000, 0, "eur", "[]")));
        // The first claim said the order was paid in HUF; Stripe knows it was paid in EUR. The policy refunds only
        // euros, so an agent approves the forints.
        String id = as(ProviderFakesResource.STRIPE_SHOP_KEY).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "100")
                        .totalPaid("500").currency("HUF").paymentReference(paymentIntent).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        as(AGENT).body(java.util.Map.of("action", "REFUND", "amount", Api.money("100", "HUF"), "note", "as asked"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200).body("status", equalTo("REFUND_APPROVED"));

        drain();

        assertThat(status(id)).isEqualTo("IN_REVIEW");
        assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null and reason like ?2",
                id, "%Stripe says payment " + paymentIntent + " was made in EUR: a refund in HUF was not made%")).isEqualTo(1);
        assertThat(refundCalls(id)).isEmpty();
    }

    @Test
    void aChargeWithEnoughLeftIsRefundedAndTheRefundCarriesItsCurrency() {
        String charge = "ch_" + unique();
        stripe.register(get(urlPathEqualTo("/v1/charges/" + charge)).willReturn(json(charge(charge, 12000, 2000, "eur", "[]"))));
        String id = refundClaim(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "50.00").totalPaid("120.00").paymentReference(charge));
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", WireMock.equalTo(id))
                .willReturn(refund("re_" + unique(), 5000, id)));

        drain();

        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(refundCalls(id)).singleElement().satisfies(call -> assertThat(call.getBodyAsString())
                .contains("charge=" + charge, "amount=5000", "currency=eur"));
    }

    @Test
    void aRetryWhoseRefundStripeAlreadyMadeIsNotMistakenForAShortPayment() {
        String paymentIntent = "pi_" + unique();
        String id = refundClaim(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").totalPaid("120.00")
                .paymentReference(paymentIntent));
        // The first attempt's answer was lost, but Stripe made the refund: nothing is left, and the refund is ours.
        stripe.register(get(urlPathEqualTo("/v1/payment_intents/" + paymentIntent)).willReturn(paymentIntent(paymentIntent,
                12000, 12000, "eur", "[" + refundObject("re_ours", 12000, id, "succeeded") + "]")));
        stripe.register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", WireMock.equalTo(id))
                .willReturn(refund("re_ours", 12000, id).withHeader("Idempotent-Replayed", "true")));

        drain();

        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(refundCalls(id)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------------

    private String refundClaim(Api.ClaimBody body) {
        return as(ProviderFakesResource.STRIPE_SHOP_KEY).body(body.map()).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("REFUND_APPROVED")).extract().path("id");
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }

    private String status(String claimId) {
        return as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).extract().path("status");
    }

    private List<LoggedRequest> refundCalls(String claimId) {
        return stripe.find(postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", WireMock.equalTo(claimId)));
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A PaymentIntent as Stripe answers it with {@code expand[]=latest_charge.refunds}. */
    static ResponseDefinitionBuilder paymentIntent(String id, long amount, long refunded, String currency, String refunds) {
        return json("""
                {"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,"currency":"%s","status":"succeeded",
                 "latest_charge":%s}""".formatted(id, amount, amount, currency, charge("ch_" + id.substring(3), amount, refunded,
                currency, refunds)));
    }

    /** A captured charge with its refunds (expanded). */
    static String charge(String id, long amount, long refunded, String currency, String refunds) {
        return """
                {"id":"%s","object":"charge","amount":%d,"amount_captured":%d,"amount_refunded":%d,"captured":true,
                 "currency":"%s","paid":true,"refunded":%s,"status":"succeeded",
                 "refunds":{"object":"list","data":%s,"has_more":false,"url":"/v1/charges/%s/refunds"}}"""
                .formatted(id, amount, amount, refunded, currency, refunded >= amount, refunds, id);
    }

    static String refundObject(String id, long amount, String claimId, String status) {
        return """
                {"id":"%s","object":"refund","amount":%d,"currency":"eur","metadata":{"claim_id":"%s"},"status":"%s"}"""
                .formatted(id, amount, claimId, status);
    }

    private static ResponseDefinitionBuilder refund(String id, long amount, String claimId) {
        return json(refundObject(id, amount, claimId, "succeeded"));
    }
}
