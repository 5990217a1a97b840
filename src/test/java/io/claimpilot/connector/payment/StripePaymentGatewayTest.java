package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.claimpilot.common.Money;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Stripe client against a WireMock Stripe on 127.0.0.1, with Stripe's request and response shapes. */
@QuarkusTest
class StripePaymentGatewayTest {

    /** The ids in Stripe's published fixtures (stripe/openapi), and what the charge read of that charge gives. */
    private static final String PUBLISHED_CHARGE = "ch_1MoS30LgUG5tbmjcjfsQqpHI";
    private static final String PUBLISHED_INTENT = "pi_1MoS6fLgUG5tbmjca6AdBPsl";
    private static final PaymentGateway.Payment UNCAPTURED = new PaymentGateway.Payment("Stripe", "payment " + PUBLISHED_CHARGE,
            Money.of("0.00", "USD"), Money.of("0.00", "USD"), false);

    @Inject
    MutableClock clock;

    private WireMockServer stripe;
    private StripePaymentGateway gateway;

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        stripe.start();
        // A read timeout well under the slow answers' 4 s, and well over what a cold WireMock and SDK take on a busy
        // machine for the first call of the class.
        gateway = new StripePaymentGateway(new ProviderEndpoint("http://127.0.0.1:" + stripe.port(),
                Duration.ofSeconds(2), Duration.ofMillis(3000)), "sk_test_4eC39HqLyjWDarjtT1zdp7dc", clock);
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void aRefundIsFormEncodedWithTheKeyTheAmountInMinorUnitsAndTheClaim() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_1", "succeeded", 8990, "eur")));

        PaymentGateway.Refund refund = gateway.refund(request("pi_3MtwBwLkdIwHu7ix28a3tqPa", Money.of("89.90", "EUR")));

        assertThat(refund.id()).isEqualTo("re_1");
        assertThat(refund.pending()).isFalse();
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("Authorization", equalTo("Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc"))
                .withHeader("Idempotency-Key", equalTo("cl_1:REFUND"))
                .withFormParam("payment_intent", equalTo("pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                .withFormParam("amount", equalTo("8990"))
                .withFormParam("reason", equalTo("requested_by_customer"))
                .withFormParam("metadata[claim_id]", equalTo("cl_1"))
                .withFormParam("metadata[idempotency_key]", equalTo("cl_1:REFUND")));
    }

    @Test
    void aChargeReferenceIsSentAsChargeAndYenAsWholeYen() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_2", "succeeded", 1500, "jpy")));

        gateway.refund(request("ch_3MmlLrLkdIwHu7ix0snN0B15", Money.of("1500", "JPY")));

        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withFormParam("charge", equalTo("ch_3MmlLrLkdIwHu7ix0snN0B15"))
                .withFormParam("amount", equalTo("1500")));
    }

    @Test
    void aPendingRefundIsAcceptedAndConfirmedLater() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_3", "pending", 8990, "eur")));

        assertThat(gateway.refund(request("pi_1", Money.of("89.90", "EUR"))).pending()).isTrue();
    }

    @Test
    void aRefundThatFailedAtOnceNeedsAPerson() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_4", "failed", 8990, "eur")));

        assertFailure(() -> gateway.refund(request("pi_1", Money.of("89.90", "EUR"))), ActionFailure.Kind.NEEDS_REVIEW);
    }

    @Test
    void alreadyRefundedAndTooLargeNeedAPerson() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withFormParam("amount", equalTo("8990")).willReturn(error(400,
                "charge_already_refunded", "Charge ch_1 has already been refunded.")));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withFormParam("amount", equalTo("99999")).willReturn(error(400,
                "amount_too_large", "Refund amount (€999.99) is greater than charge amount (€89.90)")));

        assertFailure(() -> gateway.refund(request("ch_1", Money.of("89.90", "EUR"))), ActionFailure.Kind.NEEDS_REVIEW);
        assertThatThrownBy(() -> gateway.refund(request("ch_1", Money.of("999.99", "EUR"))))
                .hasMessageContaining("amount_too_large");
    }

    @Test
    void rateLimitsServerErrorsAndTimeoutsAreRetried() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo("cl_429"))
                .willReturn(error(429, "rate_limit", "Too many requests").withHeader("Retry-After", "3")));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo("cl_500"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo("cl_slow"))
                .willReturn(refund("re_slow", "succeeded", 100, "eur").withFixedDelay(4000)));

        ActionFailure limited = assertFailure(() -> gateway.refund(request("cl_429", "pi_1")), ActionFailure.Kind.RETRYABLE);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(assertFailure(() -> gateway.refund(request("cl_500", "pi_1")), ActionFailure.Kind.RETRYABLE).retryAfter()).isNull();
        assertThat(assertFailure(() -> gateway.refund(request("cl_slow", "pi_1")), ActionFailure.Kind.RETRYABLE))
                .hasMessageContaining("did not answer");
    }

    @Test
    void aRetryAfterATimeoutSendsTheSameIdempotencyKeyAndGetsTheFirstRefund() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).inScenario("timeout").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("created").willReturn(refund("re_once", "succeeded", 8990, "eur").withFixedDelay(4000)));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).inScenario("timeout").whenScenarioStateIs("created")
                .withHeader("Idempotency-Key", equalTo("cl_1:REFUND"))
                .willReturn(refund("re_once", "succeeded", 8990, "eur").withHeader("Idempotent-Replayed", "true")));

        assertThatThrownBy(() -> gateway.refund(request("pi_1", Money.of("89.90", "EUR")))).isInstanceOf(ActionFailure.class);
        PaymentGateway.Refund second = gateway.refund(request("pi_1", Money.of("89.90", "EUR")));

        assertThat(second.id()).isEqualTo("re_once");
        stripe.verify(2, postRequestedFor(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("cl_1:REFUND")));
    }

    @Test
    void badCredentialsAndAMissingPaymentReferenceAreNotRetried() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid API Key provided: sk_test_****\",\"type\":\"invalid_request_error\"}}")));

        assertFailure(() -> gateway.refund(request("pi_1", Money.of("1.00", "EUR"))), ActionFailure.Kind.PERMANENT);
        assertFailure(() -> gateway.refund(request("paypal-123", Money.of("1.00", "EUR"))), ActionFailure.Kind.NEEDS_REVIEW);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyNeverLeavesForAnotherAddress() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(303)
                .withHeader("Location", "http://127.0.0.1:" + stripe.port() + "/elsewhere")));
        stripe.stubFor(any(urlEqualTo("/elsewhere")).willReturn(refund("re_moved", "succeeded", 100, "eur")));

        assertFailure(() -> gateway.refund(request("pi_1", Money.of("1.00", "EUR"))), ActionFailure.Kind.PERMANENT);
        stripe.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRetryPastTheIdempotencyWindowRecordsTheRefundOnTheChargeInsteadOfCreatingOne() {
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("charge", equalTo("ch_1"))
                .willReturn(list(refundBody("re_other", "succeeded", 8990, "{\"claim_id\":\"cl_2\"}"),
                        // Made before refunds carried their key: recognised by the claim and the amount.
                        refundBody("re_earlier", "succeeded", 8990, "{\"claim_id\":\"cl_1\"}"))));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_second", "succeeded", 8990, "eur")));

        PaymentGateway.Refund refund = gateway.refund(retry("ch_1", clock.instant().minus(Duration.ofHours(23)).minusSeconds(1)));

        assertThat(refund.id()).isEqualTo("re_earlier");
        stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/refunds")).withQueryParam("limit", equalTo("100")));
    }

    @Test
    void aRetryWithinTheWindowTrustsTheKeyAndALookUpThatFailsCreatesNothing() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(refund("re_1", "succeeded", 8990, "eur")));
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));

        gateway.refund(retry("pi_1", clock.instant().minus(Duration.ofHours(22))));
        stripe.verify(0, getRequestedFor(urlPathEqualTo("/v1/refunds")));
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("metadata[idempotency_key]", equalTo("cl_1:REFUND")));

        assertFailure(() -> gateway.refund(retry("pi_1", clock.instant().minus(Duration.ofDays(3)))), ActionFailure.Kind.RETRYABLE);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
    }

    @Test
    void aPendingRefundIsAskedAboutByItsId() {
        stripe.stubFor(get(urlEqualTo("/v1/refunds/re_ok")).willReturn(refund("re_ok", "succeeded", 8990, "eur")));
        stripe.stubFor(get(urlEqualTo("/v1/refunds/re_wait")).willReturn(refund("re_wait", "pending", 8990, "eur")));
        stripe.stubFor(get(urlEqualTo("/v1/refunds/re_gone")).willReturn(refund("re_gone", "canceled", 8990, "eur")));
        stripe.stubFor(get(urlEqualTo("/v1/refunds/re_unknown")).willReturn(error(404, "resource_missing", "No such refund")));

        assertThat(gateway.refundStatus("re_ok")).get().extracting(PaymentGateway.Refund::pending).isEqualTo(false);
        assertThat(gateway.refundStatus("re_wait")).get().extracting(PaymentGateway.Refund::pending).isEqualTo(true);
        assertFailure(() -> gateway.refundStatus("re_gone"), ActionFailure.Kind.NEEDS_REVIEW);
        // Not being able to ask says nothing about the refund: asked again later.
        assertFailure(() -> gateway.refundStatus("re_unknown"), ActionFailure.Kind.RETRYABLE);
    }

    private static PaymentGateway.RefundRequest retry(String paymentReference, java.time.Instant firstAttemptedAt) {
        return new PaymentGateway.RefundRequest("cl_1", "cl_1:REFUND", "1001", paymentReference, Money.of("89.90", "EUR"),
                firstAttemptedAt);
    }

    private static String refundBody(String id, String status, long amount, String metadata) {
        return """
                {"id":"%s","object":"refund","amount":%d,"charge":"ch_1","created":1692942318,"currency":"eur",
                 "metadata":%s,"payment_intent":null,"reason":"requested_by_customer","status":"%s"}
                """.formatted(id, amount, metadata, status);
    }

    // --- The payment read on Stripe's own published objects (stripe/openapi fixtures) ---------------------------

    @Test
    void stripesPublishedUncapturedChargeHasNothingToRefund() {
        stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + PUBLISHED_CHARGE))
                .willReturn(okJson(ProviderFixtures.text("stripe", "charge.json"))));

        // The published charge is authorised, not captured (captured false, amount_captured 0): nothing was paid yet.
        assertThat(gateway.payment(request(PUBLISHED_CHARGE, Money.of("1.00", "USD")))).contains(UNCAPTURED);
    }

    @Test
    void stripesPublishedPaymentIntentWithoutAChargeNeedsAPerson() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + PUBLISHED_INTENT))
                .willReturn(okJson(ProviderFixtures.text("stripe", "payment_intent.json"))));

        ActionFailure failure = assertFailure(() -> gateway.payment(request(PUBLISHED_INTENT, Money.of("1.00", "USD"))),
                ActionFailure.Kind.NEEDS_REVIEW);
        assertThat(failure.getMessage()).isEqualTo("Stripe says payment " + PUBLISHED_INTENT
                + " has no charge (status requires_payment_method): a refund of 1.00 USD was not made");
    }

    @Test
    void aFieldStripeAddsAnywhereInThePublishedChargeOrPaymentIntentChangesNothing() {
        List<String> charges = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("stripe", "charge.json"));
        assertThat(charges).hasSizeGreaterThan(5);
        for (String variant : charges) {
            stripe.resetMappings();
            stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + PUBLISHED_CHARGE)).willReturn(okJson(metadataValuesAsStrings(variant))));
            assertThat(gateway.payment(request(PUBLISHED_CHARGE, Money.of("1.00", "USD")))).as(variant).contains(UNCAPTURED);
        }
        for (String variant : ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("stripe", "payment_intent.json"))) {
            stripe.resetMappings();
            stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + PUBLISHED_INTENT)).willReturn(okJson(metadataValuesAsStrings(variant))));
            assertThat(assertFailure(() -> gateway.payment(request(PUBLISHED_INTENT, Money.of("1.00", "USD"))),
                    ActionFailure.Kind.NEEDS_REVIEW).getMessage()).as(variant).contains("has no charge (status requires_payment_method)");
        }
    }

    /**
     * {@code metadata} is not an object with fields but a map whose values are strings, by Stripe's contract
     * (stripe-java reads it as {@code Map<String, String>} and refuses an object there): a key added to it is tested
     * with a string value, as Stripe would send it.
     */
    private static String metadataValuesAsStrings(String variant) {
        try {
            ObjectNode object = (ObjectNode) new ObjectMapper().readTree(variant);
            if (object.path("metadata").has(ProviderFixtures.UNKNOWN_FIELD)) {
                ((ObjectNode) object.get("metadata")).put(ProviderFixtures.UNKNOWN_FIELD, "added by the provider without notice");
            }
            return object.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder list(String... refunds) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":false,\"data\":[" + String.join(",", refunds) + "]}");
    }

    private static PaymentGateway.RefundRequest request(String paymentReference, Money amount) {
        return new PaymentGateway.RefundRequest("cl_1", "cl_1:REFUND", "1001", paymentReference, amount);
    }

    private static PaymentGateway.RefundRequest request(String claimId, String paymentReference) {
        return new PaymentGateway.RefundRequest(claimId, claimId + ":REFUND", "1001", paymentReference, Money.of("1.00", "EUR"));
    }

    private static ActionFailure assertFailure(Runnable call, ActionFailure.Kind kind) {
        try {
            call.run();
        } catch (ActionFailure failure) {
            assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(kind);
            return failure;
        }
        throw new AssertionError("Expected an ActionFailure of kind " + kind);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refund(String id, String status,
                                                                                             long amount, String currency) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"%s","object":"refund","amount":%d,"balance_transaction":"txn_1","charge":"ch_1","created":1692942318,
                 "currency":"%s","metadata":{"claim_id":"cl_1"},"payment_intent":"pi_1","reason":"requested_by_customer",
                 "receipt_number":null,"source_transfer_reversal":null,"status":"%s","transfer_reversal":null}
                """.formatted(id, amount, currency, status));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":"%s","doc_url":"https://stripe.com/docs/error-codes/%s","message":"%s","type":"invalid_request_error"}}
                """.formatted(code, code.replace('_', '-'), message));
    }
}
