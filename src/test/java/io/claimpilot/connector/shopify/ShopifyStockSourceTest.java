package io.claimpilot.connector.shopify;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shopify inventory levels against a fake Admin API, with the response shape Shopify documents. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class ShopifyStockSourceTest {

    private static final String LEVELS = "/admin/api/2026-01/inventory_levels.json";
    // Generous, so a cold first request on a busy machine is not taken for a timeout; the slow stubs take far longer.
    private static final Duration TIMEOUT = Duration.ofMillis(2500);
    private static WireMockServer shopify;
    private ShopifyStockSource source;

    @BeforeAll
    static void startShopify() {
        shopify = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        shopify.start();
    }

    @AfterAll
    static void stopShopify() {
        shopify.stop();
    }

    @BeforeEach
    void newSource() {
        shopify.resetAll();
        ShopifyAdmin admin = new ShopifyAdmin(URI.create(shopify.baseUrl()), "2026-01", "shpat_test_only", TIMEOUT);
        source = new ShopifyStockSource(admin, ShopifyStockSource.parseMapping("MUG-01=808950810, TEA-02=39072856,VASE-03=457924702"),
                List.of(), TIMEOUT);
    }

    @Test
    void addsUpEveryLocationPerSkuAndSendsTheAccessToken() {
        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson("""
                {"inventory_levels":[
                  {"inventory_item_id":808950810,"location_id":655441491,"available":2,"updated_at":"2026-11-20T10:00:00-05:00","admin_graphql_api_id":"gid://shopify/InventoryLevel/655441491?inventory_item_id=808950810"},
                  {"inventory_item_id":808950810,"location_id":905684977,"available":3,"updated_at":"2026-11-20T10:00:00-05:00","admin_graphql_api_id":"gid://shopify/InventoryLevel/905684977?inventory_item_id=808950810"},
                  {"inventory_item_id":39072856,"location_id":655441491,"available":0,"updated_at":"2026-11-20T10:00:00-05:00","admin_graphql_api_id":"gid://shopify/InventoryLevel/655441491?inventory_item_id=39072856"}
                ]}""")));

        Map<String, Integer> levels = source.available(List.of("MUG-01", "TEA-02", "VASE-03", "UNMAPPED-9"));

        // VASE-03 is tracked nowhere: none. UNMAPPED-9 has no inventory item: unknown.
        assertThat(levels).isEqualTo(Map.of("MUG-01", 5, "TEA-02", 0, "VASE-03", 0));
        shopify.verify(getRequestedFor(urlPathEqualTo(LEVELS))
                .withQueryParam("inventory_item_ids", equalTo("808950810,39072856,457924702"))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_test_only")));
    }

    @Test
    void onlyTheConfiguredLocationsCount() {
        ShopifyAdmin admin = new ShopifyAdmin(URI.create(shopify.baseUrl()), "2026-01", "shpat_test_only", TIMEOUT);
        ShopifyStockSource oneWarehouse = new ShopifyStockSource(admin, Map.of("MUG-01", "808950810"), List.of("905684977"),
                TIMEOUT);
        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson("""
                {"inventory_levels":[
                  {"inventory_item_id":808950810,"location_id":655441491,"available":2},
                  {"inventory_item_id":808950810,"location_id":905684977,"available":3}]}""")));

        assertThat(oneWarehouse.available(List.of("MUG-01"))).isEqualTo(Map.of("MUG-01", 3));
    }

    @Test
    void shopifysPublishedInventoryLevelsAreAddedUpPerItemAndLocation() {
        // The Admin REST reference's answer for items 808950810 and 39072856 at locations 655441491 and 487838322.
        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson(ProviderFixtures.text("shopify", "admin_inventory_levels.json"))));
        ShopifyAdmin admin = new ShopifyAdmin(URI.create(shopify.baseUrl()), "2026-01", "shpat_test_only", TIMEOUT);

        assertThat(source.available(List.of("MUG-01", "TEA-02"))).isEqualTo(Map.of("MUG-01", 10, "TEA-02", 30));
        assertThat(new ShopifyStockSource(admin, Map.of("MUG-01", "808950810", "TEA-02", "39072856"), List.of("487838322"), TIMEOUT)
                .available(List.of("MUG-01", "TEA-02"))).isEqualTo(Map.of("MUG-01", 9, "TEA-02", 27));
    }

    @Test
    void thePublishedInventoryLevelsReadTheSameWithAnUnknownFieldAnywhere() {
        List<String> variants = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("shopify", "admin_inventory_levels.json"));
        assertThat(variants).hasSize(5);
        for (String variant : variants) {
            shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson(variant)));
            assertThat(source.available(List.of("MUG-01", "TEA-02"))).as(variant).isEqualTo(Map.of("MUG-01", 10, "TEA-02", 30));
        }
    }

    @Test
    void untrackedInventoryIsUnknown() {
        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson("""
                {"inventory_levels":[{"inventory_item_id":808950810,"location_id":655441491,"available":null}]}""")));

        assertThat(source.available(List.of("MUG-01"))).isEmpty();
    }

    @Test
    void errorsRateLimitsAndTimeoutsLeaveEveryStockUnknown() {
        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")));
        assertThat(source.available(List.of("MUG-01", "TEA-02"))).isEmpty();

        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(aResponse().withStatus(500)));
        assertThat(source.available(List.of("MUG-01"))).isEmpty();

        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
        assertThat(source.available(List.of("MUG-01"))).isEmpty();

        shopify.stubFor(get(urlPathEqualTo(LEVELS)).willReturn(okJson("{\"inventory_levels\":[]}").withFixedDelay(6000)));
        assertThat(source.available(List.of("MUG-01"))).isEmpty();
    }

    @Test
    void aBrokenMappingIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ShopifyStockSource.parseMapping("MUG-01=abc")).hasMessageContaining("MUG-01=abc");
        assertThat(ShopifyStockSource.parseMapping(" ")).isEmpty();
    }
}
