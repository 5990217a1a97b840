package io.claimpilot.flow;

import io.claimpilot.stock.EmbeddedStockSource;
import io.claimpilot.stock.StockSource;
import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two claims for the last unit in stock, decided at the same time on real threads against the database: one ships,
 * the other goes to a person. Before the stock was reserved, both read "1 available" and both were reshipped.
 */
@QuarkusTest
class LastUnitRaceTest {

    private static final int PAIRS = 6;

    @Inject
    Db db;
    @Inject
    EmbeddedStockSource stock;

    @Test
    void twoClaimsForTheLastUnitGiveOneReshipmentAndOneReview() throws Exception {
        List<String> skus = new ArrayList<>();
        List<Supplier<Map<String, Object>>> claims = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String sku = uniqueId("LAST");
            ExchangesTest.stock(sku, 1, "25.00");
            skus.add(sku);
            for (int twin = 0; twin < 2; twin++) {
                claims.add(() -> claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00").map());
            }
        }

        List<String> statuses = submitTogether(claims);

        for (int i = 0; i < PAIRS; i++) {
            assertThat(List.of(statuses.get(2 * i), statuses.get(2 * i + 1)))
                    .as("the two claims for %s", skus.get(i)).containsExactlyInAnyOrder("RESHIP_APPROVED", "IN_REVIEW");
            assertThat(available(skus.get(i))).isZero();
            assertThat(db.count("select count(*) from outbox o join claim c on c.id = o.claim_id where o.action = 'RESHIP'"
                    + " and c.items->0->>'sku' = ?1", skus.get(i))).isEqualTo(1);
        }
    }

    @Test
    void twoExchangesForTheLastUnitGiveOneExchangeAndOneReview() throws Exception {
        List<String> replacements = new ArrayList<>();
        List<Supplier<Map<String, Object>>> claims = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String replacement = uniqueId("LAST-M");
            ExchangesTest.stock(replacement, 1, "24.90");
            replacements.add(replacement);
            for (int twin = 0; twin < 2; twin++) {
                claims.add(() -> ExchangesTest.exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"),
                        uniqueId("LAST-S"), replacement, "24.90"));
            }
        }

        List<String> statuses = submitTogether(claims);

        for (int i = 0; i < PAIRS; i++) {
            assertThat(List.of(statuses.get(2 * i), statuses.get(2 * i + 1)))
                    .as("the two exchanges for %s", replacements.get(i)).containsExactlyInAnyOrder("EXCHANGE_APPROVED", "IN_REVIEW");
            assertThat(available(replacements.get(i))).isZero();
        }
    }

    /** The row lock itself: a second reservation waits for the first one's transaction, then finds nothing left. */
    @Test
    void aSecondReservationWaitsForTheFirstAndFindsTooFew() throws Exception {
        String sku = uniqueId("LOCKED");
        ExchangesTest.stock(sku, 1, "10.00");
        CountDownLatch firstTook = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<StockSource.Reservation> first = threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                StockSource.Reservation taken = stock.reserve(Map.of(sku, 1));
                firstTook.countDown();
                assertThat(commitFirst.await(10, TimeUnit.SECONDS)).isTrue();
                return taken;
            }));
            assertThat(firstTook.await(10, TimeUnit.SECONDS)).isTrue();
            Future<StockSource.Reservation> second = threads.submit(() -> QuarkusTransaction.requiringNew()
                    .call(() -> stock.reserve(Map.of(sku, 1))));

            Thread.sleep(Duration.ofMillis(300).toMillis());
            assertThat(second.isDone()).as("the second reservation waits on the row lock").isFalse();
            commitFirst.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).reserved()).isTrue();
            StockSource.Reservation refused = second.get(10, TimeUnit.SECONDS);
            assertThat(refused.failed()).isTrue();
            assertThat(refused.shortSku()).isEqualTo(sku);
            assertThat(refused.available()).isZero();
            assertThat(available(sku)).isZero();
        } finally {
            commitFirst.countDown();
            threads.shutdownNow();
        }
    }

    /** Posts every claim at once, one thread each, and answers their statuses in the same order. */
    private static List<String> submitTogether(List<Supplier<Map<String, Object>>> claims) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(claims.size());
        try {
            CyclicBarrier start = new CyclicBarrier(claims.size());
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (Supplier<Map<String, Object>> claim : claims) {
                Map<String, Object> body = claim.get();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return as(SHOP).body(body).post("/api/claims").then().statusCode(201).extract().<String>path("status");
                }, threads));
            }
            List<String> statuses = new ArrayList<>();
            for (CompletableFuture<String> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    private long available(String sku) {
        return db.count("select available from stock_level where sku = ?1", sku);
    }
}
