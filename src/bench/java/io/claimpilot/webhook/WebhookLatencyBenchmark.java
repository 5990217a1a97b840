package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the Shopify webhook endpoint takes to answer: verify the HMAC over a real-sized orders/cancelled body,
 * store the delivery, answer 202. Timed at the client over loopback, so it includes the HTTP round trip. Prints
 * percentiles for one client and for two at once; only correctness is asserted (every delivery stored once), the
 * numbers go to docs/benchmarks.md. Run: ./mvnw -B -Pbench test -Dgroups=benchmark -Dtest=WebhookLatencyBenchmark
 */
@QuarkusTest
@Tag("benchmark")
class WebhookLatencyBenchmark {

    private static final int WARM_UP = 500;
    private static final int MEASURED = 2_000;

    @TestHTTPResource("/webhooks/shopify")
    URI endpoint;
    @Inject
    Db db;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersSignedDeliveriesQuickly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        deliver(run + "-warm", WARM_UP);

        long[] oneClient = deliver(run + "-one", MEASURED);
        report("1 client", oneClient);

        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<long[]>> both = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String prefix = run + "-two-" + c;
                both.add(clients.submit(() -> deliver(prefix, MEASURED / 2)));
            }
            long[] twoClients = new long[0];
            for (Future<long[]> client : both) {
                long[] times = client.get();
                long[] merged = Arrays.copyOf(twoClients, twoClients.length + times.length);
                System.arraycopy(times, 0, merged, twoClients.length, times.length);
                twoClients = merged;
            }
            report("2 clients", twoClients);
        } finally {
            clients.shutdownNow();
        }

        assertThat(db.count("select count(*) from webhook_delivery where provider = 'shopify' and delivery_id like ?1",
                run + "-%")).isEqualTo(WARM_UP + 2L * MEASURED);
    }

    /** Sends {@code count} distinct signed deliveries one after another; returns each answer's time in nanoseconds. */
    private long[] deliver(String prefix, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] body = ShopifyWebhookTest.order(ShopifyWebhookTest.orderId(), "paid", "null", "[]", "[]")
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/cancelled")
                    .header("X-Shopify-Webhook-Id", prefix + "-" + i)
                    .header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(body, ShopifyWebhookTest.SECRET))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long started = System.nanoTime();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - started;
            assertThat(response.statusCode()).isEqualTo(202);
        }
        return nanos;
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("Shopify webhook, %s, %d deliveries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                label, sorted.length, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
