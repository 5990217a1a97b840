package io.claimpilot.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server on 127.0.0.1 standing in for Stripe in the shared test application. Only the shop
 * {@link #STRIPE_SHOP} refunds through it; every other shop keeps the sandbox. Tests stub and count through
 * WireMock's admin API at {@code claimpilot.stripe.base-url}.
 */
public class ProviderFakesResource implements QuarkusTestResourceLifecycleManager {

    public static final String STRIPE_SHOP = "stripe-test-shop";
    public static final String STRIPE_SHOP_KEY = "test-stripe-shop-key";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        server.start();
        return Map.of(
                "claimpilot.stripe.base-url", "http://127.0.0.1:" + server.port(),
                "claimpilot.stripe.api-key", "sk_test_fake",
                "claimpilot.stripe.read-timeout", "2s",
                "claimpilot.payments.shop.\"" + STRIPE_SHOP + "\".provider", "stripe");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
