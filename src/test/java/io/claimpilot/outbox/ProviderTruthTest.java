package io.claimpilot.outbox;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFakesResource;
import io.claimpilot.support.StripeFake;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.StripeFake.json;
import static io.claimpilot.support.StripeFake.refund;
import static io.claimpilot.support.StripeFake.refundJson;
import static io.claimpilot.support.StripeFake.refundList;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the provider already did wins over what we would do next: a retry past Stripe's 24-hour idempotency window
 * finds the refund the first attempt made, a refund left pending is asked about, and the kill switch stops the very
 * next call. Against the WireMock Stripe of {@link ProviderFakesResource}, with the scheduler off and a
 * {@link MutableClock}.
 */
@QuarkusTest
@QuarkusTestResource(ProviderFakesResource.class)
class ProviderTruthTest {

    @Inject
    Dispatcher dispatcher;
    @Inject
    ConfirmationPollJob confirmationPolls;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @ConfigProperty(name = "claimpilot.stripe.base-url")
    String stripeUrl;

    private StripeFake stripe;

    @BeforeEach
    void stripe() {
        stripe = new StripeFake(stripeUrl, db);
    }

    // --- the idempotency window -------------------------------------------------------------------------

    @Test
    void aRetryPastTheIdempotencyWindowRecordsTheRefundStripeAlreadyMadeInsteadOfASecondOne() {
        String paymentIntent = "pi_window_" + System.nanoTime();
        String id = stripe.refundClaim(paymentIntent);
        // The first call made the refund but its answer never came; Stripe was then down until we gave up.
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs(STARTED).willSetStateTo("made")
                .willReturn(refund("re_made", "succeeded", 8990).withFixedDelay(3000)));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .inScenario(id).whenScenarioStateIs("made").willReturn(json(503,
                        "{\"error\":{\"message\":\"Service unavailable\",\"type\":\"api_error\"}}")));
        giveUp(id);

        // A day later Stripe has forgotten the key; asked to create again, it would refund a second time.
        clock.advance(Duration.ofHours(24));
        String made = "re_made_" + id.substring(3, 12);
        stripe.wireMock().register(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo(paymentIntent))
                .willReturn(refundList(refundJson("re_other_claim", "succeeded", 1000, "cl_someone_else", null),
                        refundJson("re_failed_" + id.substring(3, 12), "failed", 8990, id, id + ":REFUND"),
                        refundJson(made, "succeeded", 8990, id, id + ":REFUND"))));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .atPriority(1).willReturn(refund("re_second", "succeeded", 8990)));

        as(ADMIN).post("/api/actions/" + refundAction(id) + "/retry").then().statusCode(200);
        drain();

        assertThat(stripe.refundsAskedFor(id)).hasSize(3);
        assertThat(field(id, "status")).isEqualTo("DONE");
        assertThat(field(id, "providerReference")).isEqualTo(made);
        assertThat(claimStatus(id)).isEqualTo("COMPLETED");
        stripe.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo(paymentIntent)));
    }

    @Test
    void aRetryPastTheWindowWithNoRefundAtStripeCreatesOneAndARetryWithinItDoesNotLook() {
        String paymentIntent = "pi_window_none_" + System.nanoTime();
        String id = stripe.refundClaim(paymentIntent);
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(json(503, "{\"error\":{\"message\":\"Service unavailable\",\"type\":\"api_error\"}}")));
        giveUp(id);
        // Within the window the key still protects us: no look-up.
        assertThat(stripe.wireMock().find(getRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo(paymentIntent)))).isEmpty();

        clock.advance(Duration.ofHours(23).plusMinutes(1));
        stripe.wireMock().register(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo(paymentIntent))
                .willReturn(refundList(refundJson("re_canceled_" + id.substring(3, 12), "canceled", 8990, id, id + ":REFUND"))));
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .atPriority(1).willReturn(refund("re_created_now", "succeeded", 8990)));
        as(ADMIN).post("/api/actions/" + refundAction(id) + "/retry").then().statusCode(200);
        drain();

        assertThat(stripe.refundsAskedFor(id)).hasSize(4).allSatisfy(call -> {
            assertThat(call.getHeader("Idempotency-Key")).isEqualTo(id + ":REFUND");
            assertThat(call.getBodyAsString()).contains("metadata[idempotency_key]=" + java.net.URLEncoder.encode(id + ":REFUND",
                    java.nio.charset.StandardCharsets.UTF_8));
        });
        assertThat(field(id, "providerReference")).isEqualTo("re_created_now");
        assertThat(claimStatus(id)).isEqualTo("COMPLETED");
    }

    // --- refunds awaiting confirmation ------------------------------------------------------------------

    @Test
    void aRefundLeftPendingIsAskedAboutOnceItIsOldEnoughAndSettledWithStripesAnswer() {
        String id = stripe.refundClaim("pi_poll_ok");
        String refundId = "re_poll_" + id.substring(3, 15);
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(refund(refundId, "pending", 8990)));
        stripe.wireMock().register(get(urlEqualTo("/v1/refunds/" + refundId)).inScenario(refundId)
                .whenScenarioStateIs(STARTED).willSetStateTo("asked once")
                .willReturn(json(200, refundJson(refundId, "pending", 8990, id, id + ":REFUND"))));
        stripe.wireMock().register(get(urlEqualTo("/v1/refunds/" + refundId)).inScenario(refundId)
                .whenScenarioStateIs("asked once")
                .willReturn(json(200, refundJson(refundId, "succeeded", 8990, id, id + ":REFUND"))));
        drain();
        assertThat(field(id, "status")).isEqualTo("AWAITING_CONFIRMATION");

        confirmationPolls.run();
        assertThat(asked(refundId)).isZero();

        clock.advance(Duration.ofMinutes(61));
        confirmationPolls.run();
        assertThat(asked(refundId)).isEqualTo(1);
        assertThat(field(id, "status")).isEqualTo("AWAITING_CONFIRMATION");
        // Still pending: asked again only after another while.
        confirmationPolls.run();
        assertThat(asked(refundId)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(61));
        confirmationPolls.run();

        assertThat(asked(refundId)).isEqualTo(2);
        assertThat(field(id, "status")).isEqualTo("DONE");
        assertThat(claimStatus(id)).isEqualTo("COMPLETED");
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1", id + ":NOTIFY_CUSTOMER:REFUND_ISSUED")).isEqualTo(1);
    }

    @Test
    void aPendingRefundThatStripeSaysFailedGoesToAPerson() {
        String id = stripe.refundClaim("pi_poll_failed");
        String refundId = "re_pollf_" + id.substring(3, 15);
        stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                .willReturn(refund(refundId, "pending", 8990)));
        stripe.wireMock().register(get(urlEqualTo("/v1/refunds/" + refundId)).willReturn(json(200,
                refundJson(refundId, "failed", 8990, id, id + ":REFUND").replace("\"status\":\"failed\"",
                        "\"status\":\"failed\",\"failure_reason\":\"expired_or_canceled_card\""))));
        drain();

        clock.advance(Duration.ofMinutes(61));
        confirmationPolls.run();

        assertThat(field(id, "status")).isEqualTo("FAILED");
        assertThat(field(id, "lastError")).contains("expired_or_canceled_card");
        assertThat(claimStatus(id)).isEqualTo("IN_REVIEW");
    }

    // --- the kill switch --------------------------------------------------------------------------------

    /**
     * The dispatcher calls providers for several claims at once (claimpilot.dispatch.parallelism, 8): the refunds
     * already being made when the switch goes on finish, and every one that has not started yet waits, not counted
     * as an attempt. Twelve claims, more than the pool's threads, so some must wait.
     */
    @Test
    void switchingAutomationOffMidBatchStopsTheRemainingRefunds() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            ids.add(stripe.refundClaim("pi_mid_batch_" + i));
        }
        for (String id : ids) {
            stripe.wireMock().register(post(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(id))
                    .willReturn(refund("re_mid_" + id.substring(3, 15), "succeeded", 8990).withFixedDelay(1000)));
        }
        try {
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> dispatcher.dispatchDue(100));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ids.stream().mapToInt(id -> stripe.refundsAskedFor(id).size()).sum() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            as(ADMIN).body(Map.of("reason", "Stripe is refunding twice")).post("/api/automation/pause").then().statusCode(200);
            batch.get(20, TimeUnit.SECONDS);

            int made = ids.stream().mapToInt(id -> stripe.refundsAskedFor(id).size()).sum();
            assertThat(made).as("refunds already under way when the switch went on").isBetween(1, 8);
            assertThat(ids.stream().filter(id -> field(id, "status").equals("PENDING"))).hasSize(ids.size() - made)
                    .allSatisfy(id -> assertThat(field(id, "attempts")).isEqualTo("0"));
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
        drain();
        assertThat(ids).allSatisfy(id -> {
            assertThat(stripe.refundsAskedFor(id)).hasSize(1);
            assertThat(claimStatus(id)).isEqualTo("COMPLETED");
        });
    }

    // ------------------------------------------------------------------------------------------------------

    /** Every attempt fails until the dispatcher gives up: the refund action ends FAILED. */
    private void giveUp(String claimId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            drain();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(field(claimId, "status")).isEqualTo("FAILED");
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }

    private int asked(String refundId) {
        return stripe.wireMock().find(getRequestedFor(urlEqualTo("/v1/refunds/" + refundId))).size();
    }

    private long refundAction(String claimId) {
        return db.count("select max(id) from outbox where claim_id = ?1 and action = 'REFUND'", claimId);
    }

    /** A field of the claim's refund action, as text. */
    private String field(String claimId, String field) {
        long id = refundAction(claimId);
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEntry entry = OutboxEntry.findById(id);
            return String.valueOf(switch (field) {
                case "status" -> entry.status;
                case "providerReference" -> entry.providerReference;
                case "lastError" -> entry.lastError;
                case "attempts" -> entry.attempts;
                default -> throw new IllegalArgumentException(field);
            });
        });
    }

    private String claimStatus(String claimId) {
        return as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).extract().path("status");
    }
}
