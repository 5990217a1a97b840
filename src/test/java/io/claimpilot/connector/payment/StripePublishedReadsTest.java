package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.common.Money;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.support.ProviderFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payment read before a refund ({@code GET /v1/charges/{id}}, {@code GET /v1/payment_intents/{id}}), through
 * stripe-java, on Stripe's own published objects (stripe/openapi fixtures), as they are and with a field Stripe might add
 * later at every level: stripe-java must read them the same.
 */
class StripePublishedReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLISHED_CHARGE = "ch_1MoS30LgUG5tbmjcjfsQqpHI";
    private static final String PUBLISHED_INTENT = "pi_1MoS6fLgUG5tbmjca6AdBPsl";

    private WireMockServer stripe;
    private StripePaymentGateway gateway;

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        stripe.start();
        gateway = new StripePaymentGateway(new ProviderEndpoint("http://127.0.0.1:" + stripe.port(),
                Duration.ofSeconds(2), Duration.ofSeconds(5)), "sk_test_4eC39HqLyjWDarjtT1zdp7dc", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void stripesPublishedUncapturedChargeHasNothingToRefund() {
        String charge = "ch_" + unique();
        stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + charge))
                .willReturn(okJson(ProviderFixtures.text("stripe", "charge.json").replace(PUBLISHED_CHARGE, charge))));

        // The published charge is authorised, not captured (captured false, amount_captured 0): nothing was paid yet.
        assertThat(gateway.payment(request(charge))).contains(
                new PaymentGateway.Payment("Stripe", "payment " + charge, Money.of("0.00", "USD"), Money.of("0.00", "USD"), false));
    }

    @Test
    void stripesPublishedPaymentIntentWithoutAChargeNeedsAPerson() {
        String intent = "pi_" + unique();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                .willReturn(okJson(ProviderFixtures.text("stripe", "payment_intent.json").replace(PUBLISHED_INTENT, intent))));

        assertThatThrownBy(() -> gateway.payment(request(intent))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW);
            assertThat(failure.getMessage()).isEqualTo("Stripe says payment " + intent
                    + " has no charge (status requires_payment_method): a refund of 1.00 USD was not made");
        });
    }

    @Test
    void aFieldStripeAddsAnywhereInTheChargeOrThePaymentIntentChangesNothing() {
        List<String> charges = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("stripe", "charge.json"))
                .stream().map(StripePublishedReadsTest::metadataValuesAsStrings).toList();
        assertThat(charges).hasSizeGreaterThan(5);
        for (String variant : charges) {
            String charge = "ch_" + unique();
            stripe.stubFor(get(urlPathEqualTo("/v1/charges/" + charge)).willReturn(okJson(variant.replace(PUBLISHED_CHARGE, charge))));
            assertThat(gateway.payment(request(charge))).as(variant).contains(new PaymentGateway.Payment("Stripe",
                    "payment " + charge, Money.of("0.00", "USD"), Money.of("0.00", "USD"), false));
        }
        List<String> intents = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("stripe", "payment_intent.json"));
        for (String variant : intents) {
            String intent = "pi_" + unique();
            stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intent))
                    .willReturn(okJson(variant.replace(PUBLISHED_INTENT, intent))));
            assertThatThrownBy(() -> gateway.payment(request(intent))).as(variant)
                    .hasMessageContaining("has no charge (status requires_payment_method)");
        }
    }

    /**
     * {@code metadata} is not an object with fields but a map whose values are strings, by Stripe's contract
     * (stripe-java reads it as {@code Map<String, String>} and refuses an object there): a key added to it is tested
     * with a string value, as Stripe would send it.
     */
    private static String metadataValuesAsStrings(String variant) {
        try {
            ObjectNode charge = (ObjectNode) JSON.readTree(variant);
            if (charge.path("metadata").has(ProviderFixtures.UNKNOWN_FIELD)) {
                ((ObjectNode) charge.get("metadata")).put(ProviderFixtures.UNKNOWN_FIELD, "added by the provider without notice");
            }
            return charge.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PaymentGateway.RefundRequest request(String paymentReference) {
        return new PaymentGateway.RefundRequest("cl_" + unique(), "cl_x:REFUND", "order-" + unique(), paymentReference,
                Money.of("1.00", "USD"));
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
