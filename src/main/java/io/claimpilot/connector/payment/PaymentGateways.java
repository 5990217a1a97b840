package io.claimpilot.connector.payment;

import io.claimpilot.connector.ProviderChoice;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.connector.sandbox.SandboxCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PaymentGateway} selector, per shop: {@code claimpilot.payments.shop."<shop>".provider} when set, else
 * {@code claimpilot.payments.provider}; {@code sandbox} (the default), {@code stripe} or {@code shopify}
 * ({@link ProviderChoice}). Each shop's gateway is built on its first refund. Secrets come from the environment
 * ({@code CLAIMPILOT_STRIPE_API_KEY}, {@code CLAIMPILOT_SHOPIFY_ACCESS_TOKEN}).
 */
@ApplicationScoped
public class PaymentGateways {

    @Inject
    Config config;
    @Inject
    SandboxCalls sandboxCalls;
    @Inject
    Clock clock;

    private final Map<String, PaymentGateway> byShop = new ConcurrentHashMap<>();

    public PaymentGateway forShop(String shop) {
        return byShop.computeIfAbsent(shop == null ? "" : shop, this::create);
    }

    /** The provider name a shop's refunds go to. */
    public String providerFor(String shop) {
        return config.getOptionalValue(providerSetting(shop), String.class)
                .orElseGet(() -> config.getOptionalValue("claimpilot.payments.provider", String.class).orElse("sandbox"));
    }

    private PaymentGateway create(String shop) {
        return ProviderChoice.<PaymentGateway>of(providerSetting(shop))
                .or("sandbox", () -> new SandboxPaymentGateway(sandboxCalls))
                .or("stripe", () -> new StripePaymentGateway(endpoint(shop, "stripe"), setting(shop, "stripe", "api-key"), clock,
                        duration("stripe", "idempotency-window")))
                .or("shopify", () -> new ShopifyPaymentGateway(endpoint(shop, "shopify").restClient(ShopifyAdminApi.class),
                        setting(shop, "shopify", "api-version"), setting(shop, "shopify", "access-token"), clock))
                .select(providerFor(shop));
    }

    /** The shop's own provider setting when it has one, else the default's: the key named when the name is unknown. */
    private String providerSetting(String shop) {
        String perShop = "claimpilot.payments.shop.\"" + shop + "\".provider";
        return shop != null && !shop.isEmpty() && config.getOptionalValue(perShop, String.class).isPresent()
                ? perShop : "claimpilot.payments.provider";
    }

    private ProviderEndpoint endpoint(String shop, String provider) {
        return new ProviderEndpoint(setting(shop, provider, "base-url"), duration(provider, "connect-timeout"),
                duration(provider, "read-timeout"));
    }

    /**
     * A shop's own value ({@code claimpilot.payments.shop."<shop>".stripe.api-key}) or the provider's default
     * ({@code claimpilot.stripe.api-key}). Keys and tokens come only from the environment, e.g.
     * {@code CLAIMPILOT_STRIPE_API_KEY}, and are never logged.
     */
    private String setting(String shop, String provider, String name) {
        Optional<String> value = config.getOptionalValue("claimpilot.payments.shop.\"" + shop + "\"." + provider + "." + name, String.class)
                .or(() -> config.getOptionalValue("claimpilot." + provider + "." + name, String.class));
        return ProviderChoice.required("claimpilot." + provider + "." + name, value);
    }

    private Duration duration(String provider, String name) {
        return config.getValue("claimpilot." + provider + "." + name, Duration.class);
    }
}
