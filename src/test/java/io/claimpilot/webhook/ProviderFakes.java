package io.claimpilot.webhook;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server on 127.0.0.1 standing in for ShipStation and the Shopify Admin API, for every @QuarkusTest
 * (registered for the whole run, so all tests share one application). Tests stub it through {@link #client()}, which
 * talks to it over its admin API and so works from whichever class loader the test runs in.
 */
@QuarkusTestResource(ProviderFakes.class)
public class ProviderFakes implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // WireMock's own baseUrl() says localhost; the application is told the loopback address it really binds.
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("claimpilot.shipstation.base-url", base, "claimpilot.shopify.base-url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The fake's base URL, as the application sees it. */
    public static String baseUrl() {
        return ConfigProvider.getConfig().getValue("claimpilot.shipstation.base-url", String.class);
    }

    public static WireMock client() {
        URI base = URI.create(baseUrl());
        return new WireMock(base.getHost(), base.getPort());
    }
}
