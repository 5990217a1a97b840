package io.claimpilot.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Read-only calls to the Shopify Admin REST API ({@code {shop}/admin/api/{version}/...}, {@link ShopifyRestApi}) with
 * the app's access token in {@code X-Shopify-Access-Token}: orders for return requests, inventory levels for stock.
 * A 404 answers null; any other failure is a {@link ProviderAnswer.Unreadable}.
 */
@ApplicationScoped
public class ShopifyAdmin {

    static final String PROVIDER = "Shopify";

    @ConfigProperty(name = "claimpilot.shopify.base-url")
    Optional<URI> shopUrl = Optional.empty();
    @ConfigProperty(name = "claimpilot.shopify.api-version", defaultValue = "2026-01")
    String apiVersion;
    @ConfigProperty(name = "claimpilot.shopify.access-token")
    Optional<String> accessToken = Optional.empty();
    @ConfigProperty(name = "claimpilot.shopify.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;
    @ConfigProperty(name = "claimpilot.shopify.read-timeout", defaultValue = "30s")
    Duration timeout;

    private static final String MISSING = "claimpilot.shopify.base-url and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN are not set";

    private volatile ShopifyRestApi api;

    public ShopifyAdmin() {
    }

    /** A client outside CDI, for tests and tools. */
    public ShopifyAdmin(URI shopUrl, String apiVersion, String accessToken, Duration timeout) {
        this.shopUrl = Optional.of(shopUrl);
        this.apiVersion = apiVersion;
        this.accessToken = Optional.of(accessToken);
        this.connectTimeout = timeout;
        this.timeout = timeout;
    }

    /** The same shop with a shorter timeout: stock is read while a claim is decided, and must not hold it up. */
    public ShopifyAdmin withTimeout(Duration shorter) {
        return new ShopifyAdmin(shopUrl.orElseThrow(() -> new IllegalStateException(MISSING)), apiVersion,
                accessToken.orElseThrow(() -> new IllegalStateException(MISSING)), shorter);
    }

    public boolean configured() {
        return shopUrl.isPresent() && accessToken.filter(token -> !token.isBlank()).isPresent();
    }

    /** {@code GET orders/{id}.json}; null on 404. */
    public JsonNode order(String orderId) {
        return ProviderAnswer.read(PROVIDER, () -> api().order(apiVersion, accessToken.orElseThrow(), orderId));
    }

    /** {@code GET inventory_levels.json?inventory_item_ids=...} (at most 50 ids), without blocking. */
    public CompletableFuture<JsonNode> inventoryLevels(List<String> inventoryItemIds) {
        return ProviderAnswer.readAsync(PROVIDER,
                api().inventoryLevels(apiVersion, accessToken.orElseThrow(), String.join(",", inventoryItemIds), 250));
    }

    private ShopifyRestApi api() {
        if (!configured()) {
            throw new IllegalStateException(MISSING);
        }
        ShopifyRestApi client = api;
        if (client == null) {
            client = new ProviderEndpoint(shopUrl.get().toString(), connectTimeout, timeout).restClient(ShopifyRestApi.class);
            api = client;
        }
        return client;
    }
}
