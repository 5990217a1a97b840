package io.claimpilot.connector.wms;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.stock.StockSource;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A generic warehouse over HTTP: {@code GET {base}/stock/{sku}} answers {@code {"sku":"MUG-01","available":5}}, and
 * 404 for a SKU it does not stock (0 available). SKUs are asked in parallel, each bounded by the timeout. A SKU whose
 * answer is an error, a timeout or not that shape is left out: its stock is unknown (see {@link StockSource}).
 * An optional bearer token ({@code CLAIMPILOT_STOCK_HTTP_TOKEN}) is sent as {@code Authorization}.
 */
public class HttpWmsStockSource implements StockSource {

    private static final Logger LOG = Logger.getLogger(HttpWmsStockSource.class);

    private final WmsApi api;
    private final String authorization;
    private final Duration timeout;

    public HttpWmsStockSource(URI baseUrl, String token, Duration timeout) {
        this.api = new ProviderEndpoint(baseUrl.toString(), timeout, timeout).restClient(WmsApi.class);
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token;
        this.timeout = timeout;
    }

    @Override
    public Map<String, Integer> available(Collection<String> skus) {
        Map<String, CompletableFuture<JsonNode>> calls = new LinkedHashMap<>();
        for (String sku : skus) {
            calls.put(sku, ProviderAnswer.readAsync("WMS", api.stock(sku, authorization)));
        }
        Map<String, Integer> levels = new HashMap<>();
        // One deadline for the whole claim: the calls run in parallel, so waiting for all of them takes one timeout.
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
        calls.forEach((sku, call) -> level(sku, call, deadline).ifPresent(available -> levels.put(sku, available)));
        return levels;
    }

    private java.util.Optional<Integer> level(String sku, CompletableFuture<JsonNode> call, long deadline) {
        try {
            JsonNode body = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (body == null) {
                return java.util.Optional.of(0);
            }
            JsonNode available = body.get("available");
            if (available == null || !available.canConvertToInt() || !available.isIntegralNumber() || available.asInt() < 0
                    || !sku.equals(body.path("sku").asText(sku))) {
                LOG.warnf("WMS answered an unreadable stock level for SKU %s: stock unknown", sku);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(available.asInt());
        } catch (ExecutionException e) {
            LOG.warnf("WMS stock for SKU %s unknown: %s", sku, e.getCause() == null ? e.toString() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.warnf("WMS stock for SKU %s unknown: no answer within %s", sku, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return java.util.Optional.empty();
    }
}
