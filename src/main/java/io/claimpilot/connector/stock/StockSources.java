package io.claimpilot.connector.stock;

import io.claimpilot.stock.EmbeddedStockSource;
import io.claimpilot.stock.StockSource;

import io.claimpilot.connector.ProviderChoice;
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
 * The {@link StockSource} selector: {@code claimpilot.stock.source} = {@code embedded} (default), {@code shopify} or
 * {@code http} ({@link ProviderChoice}). A source that is selected but not configured stops the start-up with the
 * setting to fix.
 */
@ApplicationScoped
public class StockSources {

    static final String SETTING = "claimpilot.stock.source";

    @ConfigProperty(name = SETTING, defaultValue = "embedded")
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

    /** The source in use, for everyone who injects a {@link StockSource}. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    StockSource selected() {
        return ProviderChoice.<StockSource>of(SETTING)
                .or("embedded", () -> embedded)
                .or("shopify", this::shopify)
                .or("http", () -> new HttpWmsStockSource(URI.create(ProviderChoice.required("claimpilot.stock.http.base-url",
                        wmsBaseUrl.map(URI::toString))),
                        wmsToken.orElse(null), timeout))
                .select(source);
    }

    private StockSource shopify() {
        if (!shopify.configured()) {
            throw new IllegalStateException(SETTING + "=shopify needs claimpilot.shopify.base-url and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN to be set");
        }
        return new ShopifyStockSource(shopify.withTimeout(timeout), ShopifyStockSource.parseMapping(shopifyInventoryItems.orElse("")),
                ShopifyStockSource.parseList(shopifyLocationIds.orElse("")), timeout);
    }

    /** Builds the selected source at start-up, so a missing setting stops the service instead of the first claim. */
    void checkAtStartUp(@Observes StartupEvent event) {
        selected.get().available(List.of());
    }
}
