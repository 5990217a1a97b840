package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.common.Money;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Shopify refund client against a WireMock GraphQL Admin API on 127.0.0.1. */
@QuarkusTest
class ShopifyPaymentGatewayTest {

    private static final String GRAPHQL = "/admin/api/2026-01/graphql.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MutableClock clock;

    private WireMockServer shopify;
    private ShopifyPaymentGateway gateway;

    @BeforeEach
    void start() {
        shopify = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        shopify.start();
        gateway = new ShopifyPaymentGateway(new ProviderEndpoint("http://127.0.0.1:" + shopify.port(),
                Duration.ofSeconds(2), Duration.ofSeconds(5)).restClient(ShopifyAdminApi.class), "2026-01", "shpat_test_token", clock);
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("orderTransactions")).willReturn(json("""
                {"data":{"order":{"id":"gid://shopify/Order/450789469","transactions":[
                  {"id":"gid://shopify/OrderTransaction/1001","kind":"AUTHORIZATION","status":"SUCCESS","gateway":"shopify_payments",
                   "amountSet":{"presentmentMoney":{"amount":"89.90","currencyCode":"EUR"}}},
                  {"id":"gid://shopify/OrderTransaction/1002","kind":"CAPTURE","status":"SUCCESS","gateway":"shopify_payments",
                   "amountSet":{"presentmentMoney":{"amount":"89.90","currencyCode":"EUR"}}}]}},
                 "extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":4}}}""")));
    }

    @AfterEach
    void stop() {
        shopify.stop();
    }

    @Test
    void theRefundsNoteNamesTheClaimAndTheAccountingReasonCode() throws Exception {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")).willReturn(json("""
                {"data":{"refundCreate":{"refund":{"id":"gid://shopify/Refund/929361465",
                  "totalRefundedSet":{"presentmentMoney":{"amount":"24.90","currencyCode":"EUR"}}},"userErrors":[]}}}""")));

        gateway.refund(new PaymentGateway.RefundRequest("cl_rc", "cl_rc:REFUND", "450789469", null, Money.of("24.90", "EUR"),
                null, "AVARIE"));

        var sent = shopify.findAll(postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")));
        assertThat(JSON.readTree(sent.get(0).getBodyAsString()).at("/variables/input/note").asText())
                .isEqualTo("ClaimPilot claim cl_rc · reason code AVARIE");
    }

    @Test
    void refundCreateRefundsTheCaptureWithADecimalAmountAndTheIdempotencyDirective() throws Exception {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")).willReturn(json("""
                {"data":{"refundCreate":{"refund":{"id":"gid://shopify/Refund/929361464",
                  "totalRefundedSet":{"presentmentMoney":{"amount":"89.9","currencyCode":"EUR"}}},"userErrors":[]}}}""")));

        PaymentGateway.Refund refund = gateway.refund(new PaymentGateway.RefundRequest("cl_1", "cl_1:REFUND", "450789469",
                null, Money.of("89.90", "EUR")));

        assertThat(refund.id()).isEqualTo("gid://shopify/Refund/929361464");
        var sent = shopify.findAll(postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("X-Shopify-Access-Token")).isEqualTo("shpat_test_token");
        JsonNode body = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(body.path("query").asText()).contains("@idempotent(key: \"cl_1:REFUND\")");
        JsonNode transaction = body.at("/variables/input/transactions/0");
        assertThat(body.at("/variables/input/orderId").asText()).isEqualTo("gid://shopify/Order/450789469");
        assertThat(transaction.path("parentId").asText()).isEqualTo("gid://shopify/OrderTransaction/1002");
        assertThat(transaction.path("kind").asText()).isEqualTo("REFUND");
        assertThat(transaction.path("gateway").asText()).isEqualTo("shopify_payments");
        assertThat(transaction.path("amount").isTextual()).isTrue();
        assertThat(transaction.path("amount").asText()).isEqualTo("89.90");
    }

    @Test
    void userErrorsNeedAPersonAndThrottlingIsRetried() {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("cl_big:REFUND")).willReturn(json("""
                {"data":{"refundCreate":{"refund":null,"userErrors":[{"field":["transactions","0","amount"],
                  "message":"Refund amount must be less than or equal to the amount that can be refunded"}]}}}""")));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("cl_busy:REFUND")).willReturn(json("""
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions":{"cost":{"requestedQueryCost":12,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":0,"restoreRate":100.0}}}}""")));
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("cl_down:REFUND"))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        assertThatThrownBy(() -> gateway.refund(request("cl_big"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW));
        assertThatThrownBy(() -> gateway.refund(request("cl_busy"))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(failure.retryAfter()).isPositive();
        });
        assertThatThrownBy(() -> gateway.refund(request("cl_down"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE));
    }

    @Test
    void a429WithRetryAfterIsHonoured() {
        shopify.resetAll();
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")
                .withBody("{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}")));

        assertThatThrownBy(() -> gateway.refund(request("cl_rate"))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void anOrderWithoutASuccessfulPaymentNeedsAPerson() {
        shopify.resetAll();
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("orderTransactions"))
                .willReturn(json("{\"data\":{\"order\":{\"id\":\"gid://shopify/Order/1\",\"transactions\":[]}}}")));

        assertThatThrownBy(() -> gateway.refund(request("cl_nopay"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW));
        shopify.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")));
        shopify.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withHeader("Content-Type", containing("application/json")));
    }

    private static PaymentGateway.RefundRequest request(String claimId) {
        return new PaymentGateway.RefundRequest(claimId, claimId + ":REFUND", "450789469", null, Money.of("10.00", "EUR"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
