package io.claimpilot.stock;

import io.claimpilot.connector.shopify.ShopifyAdmin;
import io.claimpilot.connector.shopify.ShopifyStockSource;
import io.claimpilot.connector.wms.HttpWmsStockSource;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Selects the stock source by {@code claimpilot.stock.source}: {@code embedded} (default), {@code shopify} or
 * {@code http}. A source that is selected but not configured stops the start-up with the setting to fix.
 */
@ApplicationScoped
public class StockSources {

    @ConfigProperty(name = "claimpilot.stock.source", defaultValue = "embedded")
    String source;
    @ConfigProperty(name = "claimpilot.stock.timeout", defaultValue = "3s")
    Duration timeout;
    @ConfigProperty(name = "claimpilot.stock.http.base-url")
    Optional<URI> wmsBaseUrl;
    @ConfigProperty(name = "claimpilot.stock.http.token")
    Optional<String> wmsToken;
    @ConfigProperty(name = "claimpilot.stock.shopify.inventory-items")
    Optional<String> shopifyInventoryItems;
    @ConfigProperty(name = "claimpilot.stock.shopify.location-ids")
    Optional<String> shopifyLocationIds;

    @Inject
    EmbeddedStockSource embedded;
    @Inject
    Instance<StockSource> selected;
    @Inject
    ShopifyAdmin shopify;

    @Produces
    @ApplicationScoped
    @DefaultBean
    StockSource selected() {
        return switch (source) {
            case "embedded" -> embedded;
            case "http" -> new HttpWmsStockSource(wmsBaseUrl.orElseThrow(() -> missing("claimpilot.stock.http.base-url")),
                    wmsToken.orElse(null), timeout);
            case "shopify" -> {
                if (!shopify.configured()) {
                    throw missing("claimpilot.shopify.base-url and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN");
                }
                yield new ShopifyStockSource(shopify.withTimeout(timeout), ShopifyStockSource.parseMapping(shopifyInventoryItems.orElse("")),
                        ShopifyStockSource.parseList(shopifyLocationIds.orElse("")), timeout);
            }
            default -> throw new IllegalStateException("claimpilot.stock.source is '" + source
                    + "'; it must be embedded, shopify or http");
        };
    }

    /** Builds the selected source at start-up, so a missing setting stops the service instead of the first claim. */
    void checkAtStartUp(@Observes StartupEvent event) {
        selected.get().available(List.of());
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException("claimpilot.stock.source=" + source + " needs " + what + " to be set");
    }
}
