package io.claimpilot.connector.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The sandbox records what a provider would have received, and honours idempotency keys like one. */
@QuarkusTest
class SandboxCallsTest {

    @Inject
    SandboxCalls calls;

    @Test
    void aSecondCallWithTheSameKeyReturnsTheFirstResponseAndRecordsNothing() {
        String key = "cl_" + UUID.randomUUID() + ":REFUND";
        AtomicInteger made = new AtomicInteger();
        Map<String, Object> first = calls.record("test-payments", "refund", key, "cl_x", Map.of("amount", "10.00"),
                () -> Map.of("id", "re_" + made.incrementAndGet()));
        Map<String, Object> second = calls.record("test-payments", "refund", key, "cl_x", Map.of("amount", "10.00"),
                () -> Map.of("id", "re_" + made.incrementAndGet()));

        assertThat(first).containsEntry("id", "re_1");
        assertThat(second).isEqualTo(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void callsAreListedNewestFirstAndFilteredByConnectorAndClaim() {
        String connector = "list-" + UUID.randomUUID().toString().substring(0, 8);
        calls.record(connector, "note", null, "cl_a", Map.of("n", 1), () -> Map.of("ok", true));
        calls.record(connector, "note", null, "cl_b", Map.of("n", 2), () -> Map.of("ok", true));

        as(ADMIN).queryParam("connector", connector).get("/api/sandbox/calls").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].claimId", equalTo("cl_b"))
                .body("items[1].request.n", equalTo(1));
        as(ADMIN).queryParam("connector", connector).queryParam("claimId", "cl_a").get("/api/sandbox/calls")
                .then().statusCode(200).body("total", equalTo(1));
        assertThat(calls.count(connector, "note")).isEqualTo(2);
    }

    @Test
    void theShopCannotReadWhatWasSent() {
        as(SHOP).get("/api/sandbox/calls").then().statusCode(403);
    }
}
