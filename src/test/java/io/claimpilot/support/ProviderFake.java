package io.claimpilot.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock Stripe ({@code POST /v1/refunds}, and the payment read before it) and ShipStation ({@code POST /orders/createorder}) on 127.0.0.1 for the
 * packaged-application tests. Like the real providers it answers a repeated idempotency key with the same object
 * (the refund id is derived from the key). It counts every HTTP request it received, per key: that is what the
 * exactly-once tests assert on, so a repeated call is visible even though the fake answers it harmlessly.
 */
public final class ProviderFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    /** The stub that makes Stripe's refunds answer 503 while it is registered: see {@link #refundsDown()}. */
    private volatile StubMapping refundOutage;

    private ProviderFake(WireMockServer server) {
        this.server = server;
    }

    /** Every answer takes {@code latency}, like a provider across the internet. */
    public static ProviderFake start(Duration latency) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(0)
                .containerThreads(40).jettyAcceptors(2));
        server.start();
        int delay = (int) latency.toMillis();
        server.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(delay)
                .withTransformers("response-template")
                .withBody("{\"id\":\"re_{{request.headers.Idempotency-Key}}\",\"object\":\"refund\",\"amount\":1990,"
                        + "\"currency\":\"eur\",\"status\":\"succeeded\",\"reason\":\"requested_by_customer\"}")));
        // After a refund is confirmed, its credit note's number goes into its metadata (REFUND_REFERENCES).
        server.stubFor(post(urlPathMatching("/v1/refunds/re_.+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"re_any\",\"object\":\"refund\",\"amount\":1990,\"currency\":\"eur\",\"status\":\"succeeded\"}")));
        // Before each refund the connector reads the payment (PaymentCheck): every payment here has room for it.
        // Answered at once, so the refund calls keep the timing the crash and replica tests were written for.
        server.stubFor(get(urlPathMatching("/v1/(payment_intents|charges)/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ch_any\",\"object\":\"charge\",\"amount\":10000000,\"amount_captured\":10000000,"
                        + "\"amount_refunded\":0,\"captured\":true,\"currency\":\"eur\",\"status\":\"succeeded\","
                        + "\"latest_charge\":{\"id\":\"ch_any\",\"object\":\"charge\",\"amount\":10000000,"
                        + "\"amount_captured\":10000000,\"amount_refunded\":0,\"captured\":true,\"currency\":\"eur\","
                        + "\"status\":\"succeeded\"}}")));
        server.stubFor(post(urlEqualTo("/orders/createorder")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(delay)
                .withHeader("X-Rate-Limit-Limit", "40").withHeader("X-Rate-Limit-Remaining", "39")
                .withHeader("X-Rate-Limit-Reset", "60")
                .withTransformers("response-template")
                .withBody("{\"orderId\":{{randomInt lower=100000 upper=999999}},\"orderKey\":\"{{jsonPath request.body '$.orderKey'}}\","
                        + "\"orderStatus\":\"awaiting_shipment\"}")));
        return new ProviderFake(server);
    }

    /**
     * From now on Stripe answers every refund with {@code 503} and its error body, as during an incident on its
     * side, until {@link #refundsBackUp()}. Refund requests are still received and counted.
     */
    public void refundsDown() {
        refundOutage = server.stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"The service is temporarily unavailable\"}}")));
    }

    public void refundsBackUp() {
        StubMapping outage = refundOutage;
        if (outage != null) {
            server.removeStub(outage);
            refundOutage = null;
        }
    }

    /** Refunds made (answered 200), per {@code Idempotency-Key}: a refund refused with a 503 made nothing. */
    public Map<String, Integer> refundsMadeByKey() {
        Map<String, Integer> made = new TreeMap<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (event.getRequest().getUrl().equals("/v1/refunds") && event.getResponse().getStatus() == 200) {
                made.merge(event.getRequest().getHeader("Idempotency-Key"), 1, Integer::sum);
            }
        }
        return made;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Refund requests received, per {@code Idempotency-Key}. */
    public Map<String, Integer> refundCallsByKey() {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (event.getRequest().getUrl().equals("/v1/refunds")) {
                calls.merge(event.getRequest().getHeader("Idempotency-Key"), 1, Integer::sum);
            }
        }
        return calls;
    }

    /** Order creations received, per {@code orderKey}. */
    public Map<String, Integer> createOrderCallsByKey() {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (event.getRequest().getUrl().equals("/orders/createorder")) {
                try {
                    calls.merge(JSON.readTree(event.getRequest().getBodyAsString()).path("orderKey").asText(), 1, Integer::sum);
                } catch (IOException e) {
                    calls.merge("<unreadable>", 1, Integer::sum);
                }
            }
        }
        return calls;
    }

    public int refundCalls() {
        return refundCallsByKey().values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
        server.stop();
    }
}
