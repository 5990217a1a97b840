package io.claimpilot.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderHttp;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Read-only calls to the Shopify Admin REST API ({@code {shop}/admin/api/{version}/...}) with the app's access token
 * in {@code X-Shopify-Access-Token}: orders for return requests, inventory levels for stock.
 */
@ApplicationScoped
public class ShopifyAdmin {

    @ConfigProperty(name = "claimpilot.shopify.shop-url")
    Optional<URI> shopUrl;
    @ConfigProperty(name = "claimpilot.shopify.api-version", defaultValue = "2025-07")
    String apiVersion;
    @ConfigProperty(name = "claimpilot.shopify.access-token")
    Optional<String> accessToken;
    @ConfigProperty(name = "claimpilot.shopify.timeout", defaultValue = "5s")
    Duration timeout;

    private ProviderHttp http;

    public ShopifyAdmin() {
    }

    /** A client outside CDI, for tests and tools. */
    public ShopifyAdmin(URI shopUrl, String apiVersion, String accessToken, Duration timeout) {
        this.shopUrl = Optional.of(shopUrl);
        this.apiVersion = apiVersion;
        this.accessToken = Optional.of(accessToken);
        this.timeout = timeout;
        init();
    }

    @PostConstruct
    void init() {
        http = new ProviderHttp(timeout, timeout);
    }

    public boolean configured() {
        return shopUrl.isPresent() && accessToken.filter(token -> !token.isBlank()).isPresent();
    }

    /** GET {@code /admin/api/{version}/{path}}; null on 404. */
    public JsonNode get(String pathAndQuery) {
        return http.getJson(uri(pathAndQuery), headers());
    }

    public CompletableFuture<JsonNode> getAsync(String pathAndQuery) {
        return http.getJsonAsync(uri(pathAndQuery), headers());
    }

    private URI uri(String pathAndQuery) {
        if (!configured()) {
            throw new IllegalStateException("claimpilot.shopify.shop-url and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN are not set");
        }
        String base = shopUrl.get().toString().replaceAll("/+$", "");
        return URI.create(base + "/admin/api/" + apiVersion + "/" + pathAndQuery);
    }

    private Map<String, String> headers() {
        return Map.of("X-Shopify-Access-Token", accessToken.orElseThrow());
    }
}
