package io.claimpilot.connector.payment;

import io.claimpilot.connector.ProviderHttp;
import io.claimpilot.connector.sandbox.SandboxCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the payment provider per shop: {@code claimpilot.payments.shop."<shop>".provider} when set, else
 * {@code claimpilot.payments.provider}; {@code sandbox} (the default), {@code stripe} or {@code shopify}. Secrets
 * come from the environment ({@code CLAIMPILOT_STRIPE_API_KEY}, {@code CLAIMPILOT_SHOPIFY_ACCESS_TOKEN}).
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
        if (shop != null && !shop.isEmpty()) {
            var perShop = config.getOptionalValue("claimpilot.payments.shop.\"" + shop + "\".provider", String.class);
            if (perShop.isPresent()) {
                return perShop.get();
            }
        }
        return config.getOptionalValue("claimpilot.payments.provider", String.class).orElse("sandbox");
    }

    private PaymentGateway create(String shop) {
        String provider = providerFor(shop);
        return switch (provider) {
            case "sandbox" -> new SandboxPaymentGateway(sandboxCalls);
            case "stripe" -> new StripePaymentGateway(
                    ProviderHttp.client(StripeApi.class, setting(shop, "stripe", "base-url"),
                            duration("stripe", "connect-timeout"), duration("stripe", "read-timeout")),
                    setting(shop, "stripe", "api-key"), clock);
            case "shopify" -> new ShopifyPaymentGateway(
                    ProviderHttp.client(ShopifyAdminApi.class, setting(shop, "shopify", "base-url"),
                            duration("shopify", "connect-timeout"), duration("shopify", "read-timeout")),
                    setting(shop, "shopify", "api-version"), setting(shop, "shopify", "access-token"), clock);
            default -> throw new IllegalStateException("Unknown payment provider '" + provider + "' for shop " + shop
                    + ": use sandbox, stripe or shopify");
        };
    }

    /**
     * A shop's own value ({@code claimpilot.payments.shop."<shop>".stripe.api-key}) or the provider's default
     * ({@code claimpilot.stripe.api-key}). Keys and tokens come only from the environment, e.g.
     * {@code CLAIMPILOT_STRIPE_API_KEY}, and are never logged.
     */
    private String setting(String shop, String provider, String name) {
        return config.getOptionalValue("claimpilot.payments.shop.\"" + shop + "\"." + provider + "." + name, String.class)
                .or(() -> config.getOptionalValue("claimpilot." + provider + "." + name, String.class))
                .orElseThrow(() -> new IllegalStateException("claimpilot." + provider + "." + name + " is not set"));
    }

    private Duration duration(String provider, String name) {
        return config.getValue("claimpilot." + provider + "." + name, Duration.class);
    }
}
