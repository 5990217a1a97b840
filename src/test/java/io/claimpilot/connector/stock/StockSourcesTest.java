package io.claimpilot.connector.stock;

import io.claimpilot.stock.EmbeddedStockSource;

import io.claimpilot.connector.shopify.ShopifyAdmin;
import io.claimpilot.connector.shopify.ShopifyStockSource;
import io.claimpilot.connector.wms.HttpWmsStockSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** claimpilot.stock.source picks the source; a selected source without its settings names the missing one. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class StockSourcesTest {

    @Test
    void theConfiguredSourceIsSelected() {
        StockSources sources = sources("http");
        sources.wmsBaseUrl = Optional.of(URI.create("http://127.0.0.1:1/wms"));
        assertThat(sources.selected()).isInstanceOf(HttpWmsStockSource.class);

        StockSources shopify = sources("shopify");
        shopify.shopify = new ShopifyAdmin(URI.create("http://127.0.0.1:1"), "2026-01", "shpat_test_only", Duration.ofSeconds(1));
        shopify.shopifyInventoryItems = Optional.of("MUG-01=808950810");
        assertThat(shopify.selected()).isInstanceOf(ShopifyStockSource.class);

        StockSources embedded = sources("embedded");
        embedded.embedded = new EmbeddedStockSource();
        assertThat(embedded.selected()).isSameAs(embedded.embedded);
    }

    @Test
    void aSourceWithoutItsSettingsOrAnUnknownSourceIsRefused() {
        assertThatThrownBy(() -> sources("http").selected()).hasMessageContaining("claimpilot.stock.http.base-url");
        StockSources shopify = sources("shopify");
        shopify.shopify = new ShopifyAdmin();
        assertThatThrownBy(shopify::selected).hasMessageContaining("claimpilot.shopify.base-url");
        assertThatThrownBy(() -> sources("excel").selected()).hasMessageContaining("embedded, shopify or http");
    }

    private static StockSources sources(String source) {
        StockSources sources = new StockSources();
        sources.source = source;
        sources.timeout = Duration.ofSeconds(1);
        sources.wmsBaseUrl = Optional.empty();
        sources.wmsToken = Optional.empty();
        sources.shopifyInventoryItems = Optional.empty();
        sources.shopifyLocationIds = Optional.empty();
        return sources;
    }
}
