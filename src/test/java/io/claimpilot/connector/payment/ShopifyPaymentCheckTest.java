package io.claimpilot.connector.payment;

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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The pre-refund check with Shopify's own payments: the order's transactions, read through the GraphQL Admin API
 * (a WireMock on 127.0.0.1), say what was paid and refunded, in which currency.
 */
@QuarkusTest
class ShopifyPaymentCheckTest {

    private static final String GRAPHQL = "/admin/api/2026-01/graphql.json";

    @Inject
    MutableClock clock;
    @Inject
    PaymentCheck check;

    private WireMockServer shopify;
    private ShopifyPaymentGateway gateway;

    @BeforeEach
    void start() {
        shopify = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        shopify.start();
        gateway = new ShopifyPaymentGateway(new ProviderEndpoint("http://127.0.0.1:" + shopify.port(),
                Duration.ofSeconds(2), Duration.ofMillis(1500)).restClient(ShopifyAdminApi.class), "2026-01", "shpat_test_token", clock);
    }

    @AfterEach
    void stop() {
        shopify.stop();
    }

    @Test
    void aRefundAboveWhatShopifySaysIsLeftNeedsAPersonWithShopifysFigures() {
        payments("""
                {"id":"gid://shopify/OrderTransaction/1","kind":"SALE","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"120.00","currencyCode":"EUR"}}},
                {"id":"gid://shopify/OrderTransaction/2","kind":"REFUND","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"100.00","currencyCode":"EUR"}}},
                {"id":"gid://shopify/OrderTransaction/3","kind":"REFUND","status":"FAILURE","amountSet":{"presentmentMoney":{"amount":"20.00","currencyCode":"EUR"}}}""",
                "[]");

        ActionFailure failure = catchThrowableOfType(ActionFailure.class,
                () -> check.verify(gateway, request("cl_1", Money.of("50.00", "EUR"))));

        assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW);
        assertThat(failure).hasMessage("Shopify says order 450789469 has 20.00 EUR left to refund (120.00 EUR paid,"
                + " 100.00 EUR refunded): the refund of 50.00 EUR was not made");
        shopify.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("refundCreate")));
    }

    @Test
    void aRefundInAnotherCurrencyThanTheOrdersPaymentNeedsAPerson() {
        payments("""
                {"id":"gid://shopify/OrderTransaction/1","kind":"SALE","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"120.00","currencyCode":"EUR"}}}""",
                "[]");

        ActionFailure failure = catchThrowableOfType(ActionFailure.class,
                () -> check.verify(gateway, request("cl_1", Money.of("5000", "HUF"))));

        assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW);
        assertThat(failure).hasMessage("Shopify says order 450789469 was made in EUR: a refund in HUF was not made");
    }

    @Test
    void enoughLeftOrOurOwnRefundAlreadyMadePasses() {
        payments("""
                {"id":"gid://shopify/OrderTransaction/1","kind":"AUTHORIZATION","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"120.00","currencyCode":"EUR"}}},
                {"id":"gid://shopify/OrderTransaction/2","kind":"CAPTURE","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"120.00","currencyCode":"EUR"}}},
                {"id":"gid://shopify/OrderTransaction/3","kind":"REFUND","status":"SUCCESS","amountSet":{"presentmentMoney":{"amount":"100.00","currencyCode":"EUR"}}}""",
                """
                [{"id":"gid://shopify/Refund/1","note":"ClaimPilot claim cl_ours","totalRefundedSet":{"presentmentMoney":{"amount":"100.00","currencyCode":"EUR"}}}]""");

        assertThatCode(() -> check.verify(gateway, request("cl_2", Money.of("20.00", "EUR")))).doesNotThrowAnyException();
        // The 100.00 refunded is this claim's own refund, made by an attempt whose answer was lost.
        assertThatCode(() -> check.verify(gateway, request("cl_ours", Money.of("100.00", "EUR")))).doesNotThrowAnyException();
    }

    private void payments(String transactions, String refunds) {
        shopify.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("orderPayments")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"order":{"id":"gid://shopify/Order/450789469","transactions":[%s],"refunds":%s}}}"""
                        .formatted(transactions, refunds))));
    }

    private static PaymentGateway.RefundRequest request(String claimId, Money amount) {
        return new PaymentGateway.RefundRequest(claimId, claimId + ":REFUND", "450789469", null, amount);
    }
}
