package io.claimpilot.connector.wms;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The generic HTTP WMS against a fake warehouse: levels, 404 as none, and every failure as unknown stock. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class HttpWmsStockSourceTest {

    // Generous, so a cold first request on a busy machine is not taken for a timeout; the slow stub takes far longer.
    private static final Duration TIMEOUT = Duration.ofMillis(2500);
    private static WireMockServer wms;
    private HttpWmsStockSource source;

    @BeforeAll
    static void startWarehouse() {
        wms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wms.start();
    }

    @AfterAll
    static void stopWarehouse() {
        wms.stop();
    }

    @BeforeEach
    void newSource() {
        wms.resetAll();
        source = new HttpWmsStockSource(URI.create(wms.baseUrl() + "/wms/"), "test-only-wms-token", TIMEOUT);
    }

    @Test
    void readsEachSkuAndSendsTheToken() {
        wms.stubFor(get("/wms/stock/MUG-01").willReturn(okJson("{\"sku\":\"MUG-01\",\"available\":5}")));
        wms.stubFor(get("/wms/stock/TEA%2002").willReturn(okJson("{\"sku\":\"TEA 02\",\"available\":0}")));

        assertThat(source.available(List.of("MUG-01", "TEA 02"))).isEqualTo(Map.of("MUG-01", 5, "TEA 02", 0));
        wms.verify(getRequestedFor(urlEqualTo("/wms/stock/MUG-01")).withHeader("Authorization", equalTo("Bearer test-only-wms-token")));
    }

    @Test
    void aSkuTheWarehouseDoesNotStockHasNone() {
        wms.stubFor(get("/wms/stock/GONE-01").willReturn(aResponse().withStatus(404)));

        assertThat(source.available(List.of("GONE-01"))).isEqualTo(Map.of("GONE-01", 0));
    }

    @Test
    void errorsTimeoutsAndNonsenseLeaveTheStockUnknown() {
        wms.stubFor(get("/wms/stock/OK-01").willReturn(okJson("{\"sku\":\"OK-01\",\"available\":2}")));
        wms.stubFor(get("/wms/stock/ERR-01").willReturn(aResponse().withStatus(503)));
        wms.stubFor(get("/wms/stock/SLOW-01").willReturn(okJson("{\"sku\":\"SLOW-01\",\"available\":9}").withFixedDelay(6000)));
        wms.stubFor(get("/wms/stock/ODD-01").willReturn(okJson("{\"sku\":\"ODD-01\",\"available\":\"lots\"}")));
        wms.stubFor(get("/wms/stock/NEG-01").willReturn(okJson("{\"sku\":\"NEG-01\",\"available\":-3}")));
        wms.stubFor(get("/wms/stock/HTML-01").willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));

        Map<String, Integer> levels = source.available(List.of("OK-01", "ERR-01", "SLOW-01", "ODD-01", "NEG-01", "HTML-01"));

        assertThat(levels).isEqualTo(Map.of("OK-01", 2));
    }

    @Test
    void aWarehouseThatIsDownLeavesEveryStockUnknown() {
        HttpWmsStockSource down = new HttpWmsStockSource(URI.create("http://127.0.0.1:1"), null, TIMEOUT);

        assertThat(down.available(List.of("MUG-01", "TEA-02"))).isEmpty();
    }
}
