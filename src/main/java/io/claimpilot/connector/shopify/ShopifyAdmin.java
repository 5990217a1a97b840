package io.claimpilot.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.JsonHttp;
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

    private JsonHttp http;

    public ShopifyAdmin() {
    }

    /** A client outside CDI, for tests and tools. */
    public ShopifyAdmin(URI shopUrl, String apiVersion, String accessToken, Duration timeout) {
        this.shopUrl = Optional.of(shopUrl);
        this.apiVersion = apiVersion;
        this.accessToken = Optional.of(accessToken);
        this.connectTimeout = timeout;
        this.timeout = timeout;
        init();
    }

    @PostConstruct
    void init() {
        http = new JsonHttp(connectTimeout, timeout);
    }

    /** The same shop with a shorter timeout: stock is read while a claim is decided, and must not hold it up. */
    public ShopifyAdmin withTimeout(Duration shorter) {
        return new ShopifyAdmin(shopUrl.orElseThrow(() -> new IllegalStateException(MISSING)), apiVersion,
                accessToken.orElseThrow(() -> new IllegalStateException(MISSING)), shorter);
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
            throw new IllegalStateException(MISSING);
        }
        String base = shopUrl.get().toString().replaceAll("/+$", "");
        return URI.create(base + "/admin/api/" + apiVersion + "/" + pathAndQuery);
    }

    private Map<String, String> headers() {
        return Map.of("X-Shopify-Access-Token", accessToken.orElseThrow());
    }
}
