package io.claimpilot.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten activations in a row under continuous claim traffic: no request fails or hangs, and every decision
 * was made by one of the two versions, never by a half-swapped policy.
 */
@QuarkusTest
class ActivationUnderLoadTest {

    private static final int CLIENTS = 4;
    /** A request slower than this counts as failed: activation must never stall claims. */
    private static final int TIMEOUT_MILLIS = 5000;

    @Test
    void tenActivationsUnderTrafficLoseNoRequest() throws Exception {
        String original = as(ANALYST).get("/api/policy").path("version");
        String candidate = given().header("Authorization", "Bearer " + ANALYST)
                .multiPart("comment", "cap 100 for the swap test")
                .multiPart("files", "claims.xlsx", PolicyFixtures.claimsTableWithCancellationCap("100.00"))
                .multiPart("scenarios", "starting-policy.csv", PolicyFixtures.scenariosWithCancellationCap("100.00", "100.01"))
                .post("/api/policies").then().extract().path("version");
        assertThat(candidate).isNotNull();

        RestAssuredConfig timeouts = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", TIMEOUT_MILLIS).setParam("http.socket.timeout", TIMEOUT_MILLIS));
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> versions = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            sent.add(clients.submit(() -> {
                int count = 0;
                while (running.get()) {
                    try {
                        var response = as(SHOP).config(timeouts).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "120.00").map())
                                .post("/api/claims").then().extract();
                        if (response.statusCode() != 201) {
                            failures.add("status " + response.statusCode() + ": " + response.asString());
                        } else {
                            versions.add(response.path("decision.policyVersion") + " " + response.path("status"));
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    count++;
                }
                return count;
            }));
        }
        try {
            for (int i = 0; i < 10; i++) {
                String next = i % 2 == 0 ? candidate : original;
                // A second analyst: the candidate's first activation needs someone other than its author.
                given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + next + "/activate")
                        .then().statusCode(200);
                Thread.sleep(150);
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            given().header("Authorization", "Bearer " + ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }

        int total = 0;
        for (Future<Integer> count : sent) {
            total += count.get();
        }
        assertThat(failures).isEmpty();
        assertThat(total).isGreaterThan(20);
        // 120 EUR is refunded under the 150 cap and reviewed under the 100 cap: each decision matches its version.
        assertThat(Set.copyOf(versions)).isSubsetOf(Set.of(original + " REFUND_APPROVED", candidate + " IN_REVIEW"))
                .contains(original + " REFUND_APPROVED", candidate + " IN_REVIEW");
    }
}
