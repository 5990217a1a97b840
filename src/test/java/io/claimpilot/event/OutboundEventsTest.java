package io.claimpilot.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Claim events end to end: subscriptions made through the API, claims submitted through the API, deliveries executed by
 * the dispatcher, and a WireMock receiver on 127.0.0.1 that checks each signature with its own HMAC, written here with
 * javax.crypto as a receiver would, not with the service's signer.
 */
@QuarkusTest
class OutboundEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Dispatcher dispatcher;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        deleteAllSubscriptions();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        deleteAllSubscriptions();
        receiver.stop();
    }

    /** Subscriptions are global: one left behind would add events to every other test's claims. */
    static void deleteAllSubscriptions() {
        List<String> ids = as(ADMIN).get("/api/event-subscriptions").then().statusCode(200).extract().path("id");
        ids.forEach(id -> as(ADMIN).delete("/api/event-subscriptions/" + id).then().statusCode(204));
    }

    @Test
    void eachEventReachesEachSubscriptionOnceSignedPerStandardWebhooksAndWithoutPersonalDataUnlessAsked() throws Exception {
        receiver.stubFor(post(urlEqualTo("/all")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/decided")).willReturn(aResponse().withStatus(204)));
        String before = submitRefund();
        assertThat(deliveryKeys(before)).as("no subscription, no event").isEmpty();
        drain(); // its refund completes it before anyone subscribes

        Map<String, String> all = subscribe("/all", List.of("claim.created", "claim.decided", "claim.escalated",
                "claim.completed", "claim.failed"), false);
        Map<String, String> decided = subscribe("/decided", List.of("claim.decided"), true);
        String claimId = submitRefund();
        assertThat(deliveryKeys(claimId)).as("queued with the claim, before anything is sent").hasSize(3);
        receiver.verify(0, postRequestedFor(urlEqualTo("/all")));

        drain(); // the events, and the sandbox refund, which completes the claim and queues claim.completed
        drain();

        List<LoggedRequest> toAll = receiver.findAll(postRequestedFor(urlEqualTo("/all")));
        List<LoggedRequest> toDecided = receiver.findAll(postRequestedFor(urlEqualTo("/decided")));
        assertThat(toAll).extracting(request -> body(request).path("type").asText())
                .containsExactly("claim.created", "claim.decided", "claim.completed");
        assertThat(toDecided).extracting(request -> body(request).path("type").asText()).containsExactly("claim.decided");
        assertThat(deliveryKeys(claimId)).hasSize(4);
        for (LoggedRequest request : toAll) {
            assertSignedWith(all.get("secret"), request);
        }
        assertSignedWith(decided.get("secret"), toDecided.get(0));
        assertThatSignatureFailsWithAnotherSecret(decided.get("secret"), toAll.get(0));
        // One event, one id, whichever subscription receives it.
        assertThat(toDecided.get(0).getHeader("webhook-id")).isEqualTo(toAll.get(1).getHeader("webhook-id"))
                .startsWith("evt_").isNotEqualTo(toAll.get(0).getHeader("webhook-id"));

        JsonNode created = body(toAll.get(0));
        assertThat(Instant.parse(created.path("timestamp").asText())).isNotNull();
        assertThat(created.at("/data/id").asText()).isEqualTo(claimId);
        assertThat(created.at("/data/status").asText()).isEqualTo("RECEIVED");
        assertThat(body(toAll.get(1)).at("/data/decision/action").asText()).isEqualTo("REFUND");
        assertThat(body(toAll.get(1)).at("/data/amount/amount").asText()).isEqualTo("89.90");
        assertThat(body(toAll.get(2)).at("/data/status").asText()).isEqualTo("COMPLETED");
        for (LoggedRequest request : toAll) {
            JsonNode data = body(request).path("data");
            assertThat(data.path("customer").has("email")).isFalse();
            assertThat(data.path("customer").has("name")).isFalse();
            assertThat(data.has("shippingAddress")).isFalse();
            assertThat(request.getBodyAsString()).doesNotContain("Alice Martin", "@example.com", "rue de la Paix");
            assertThat(data.at("/customer/locale").asText()).isEqualTo("fr");
        }
        JsonNode withPersonalData = body(toDecided.get(0)).path("data");
        assertThat(withPersonalData.at("/customer/name").asText()).isEqualTo("Alice Martin");
        assertThat(withPersonalData.at("/customer/email").asText()).endsWith("@example.com");
        assertThat(withPersonalData.path("shippingAddress").asText()).contains("rue de la Paix");

        as(ADMIN).get("/api/event-subscriptions/" + all.get("id") + "/deliveries").then().statusCode(200)
                .body("total", equalTo(3)).body("items.type", equalTo(List.of("claim.completed", "claim.decided", "claim.created")))
                .body("items.status", equalTo(List.of("DONE", "DONE", "DONE")))
                .body("items.statusCode", equalTo(List.of(200, 200, 200)))
                .body("items.attempts", equalTo(List.of(1, 1, 1)))
                .body("items.claimId", equalTo(List.of(claimId, claimId, claimId)));
        keepSampleForTheDocs(decided.get("secret"), toDecided.get(0));
    }

    @Test
    void aDeliveryAnswered500IsRetriedAndDuringARotationBothSecretsSign() throws Exception {
        receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("upstream busy")).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        Map<String, String> subscription = subscribe("/flaky", List.of("claim.created"), false);
        String claimId = submitRefund();

        drain();
        as(ADMIN).get("/api/event-subscriptions/" + subscription.get("id") + "/deliveries").then().statusCode(200)
                .body("items[0].claimId", equalTo(claimId)).body("items[0].status", equalTo("PENDING"))
                .body("items[0].statusCode", equalTo(500)).body("items[0].attempts", equalTo(1));
        String rotated = as(ADMIN).post("/api/event-subscriptions/" + subscription.get("id") + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");

        clock.advance(Duration.ofMinutes(2)); // past the backoff
        drain();

        List<LoggedRequest> attempts = receiver.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getHeader("webhook-id")).isEqualTo(attempts.get(0).getHeader("webhook-id"));
        assertThat(attempts.get(1).getBodyAsString()).isEqualTo(attempts.get(0).getBodyAsString());
        assertThat(attempts.get(1).getHeader("webhook-signature").split(" ")).hasSize(2);
        assertSignedWith(rotated, attempts.get(1));
        assertSignedWith(subscription.get("secret"), attempts.get(1));
        as(ADMIN).get("/api/event-subscriptions/" + subscription.get("id") + "/deliveries").then().statusCode(200)
                .body("items[0].status", equalTo("DONE")).body("items[0].statusCode", equalTo(200))
                .body("items[0].attempts", equalTo(2));
    }

    @Test
    void aDeliveryIsFailedAfterTheLastAttemptAndAnAdminRetriesIt() {
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        Map<String, String> subscription = subscribe("/down", List.of("claim.created"), false);
        String claimId = submitRefund();

        for (int attempt = 0; attempt < 3; attempt++) { // claimpilot.dispatch.max-attempts=3 in tests
            drain();
            clock.advance(Duration.ofMinutes(2));
        }
        var delivery = as(ADMIN).get("/api/event-subscriptions/" + subscription.get("id") + "/deliveries").then()
                .statusCode(200).body("items[0].claimId", equalTo(claimId)).body("items[0].status", equalTo("FAILED"))
                .body("items[0].statusCode", equalTo(503)).body("items[0].attempts", equalTo(3)).extract();
        assertThat(delivery.<String>path("items[0].lastError")).contains("Gave up after 3 attempts");
        int actionId = delivery.path("items[0].actionId");
        assertThat(status(claimId)).as("a failed event never holds the claim back").isEqualTo("COMPLETED");

        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(200)));
        as(ADMIN).post("/api/actions/" + actionId + "/retry").then().statusCode(200).body("status", equalTo("PENDING"));
        drain();

        as(ADMIN).get("/api/event-subscriptions/" + subscription.get("id") + "/deliveries").then().statusCode(200)
                .body("items[0].status", equalTo("DONE")).body("items[0].statusCode", equalTo(200));
        receiver.verify(4, postRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void erasingTheCustomerBlanksTheirDataInEventsNotSentYet() {
        subscribe("/personal", List.of("claim.created"), true);
        String customerId = "cust-" + java.util.UUID.randomUUID();
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "19.90").item("MUG-01", 1, "19.90").customerId(customerId)
                .customerName("Bernadette Quillard").email(customerId + "@example.com").map();
        String claimId = as(SHOP).body(body).post("/api/claims").then().statusCode(201).extract().path("id");
        assertThat(db.count("select count(*) from outbox where claim_id = ? and action = 'EVENT_DELIVERY'"
                + " and payload::text like '%Quillard%'", claimId)).isEqualTo(1);

        as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200);

        assertThat(db.strings("select payload::text from outbox where claim_id = ? and action = 'EVENT_DELIVERY'", claimId))
                .singleElement().asString().doesNotContain("Quillard", "Bernadette", customerId).contains(claimId);
    }

    // --- the receiver's side, written independently of the service's signer -----------------------------------

    /** What a receiver does: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the decoded secret. */
    private static void assertSignedWith(String secret, LoggedRequest request) throws Exception {
        assertThat(Arrays.asList(request.getHeader("webhook-signature").split(" "))).as("signed with %s", secret)
                .contains("v1," + expectedSignature(secret, request));
        long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
        assertThat(timestamp).isBetween(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(), Long.MAX_VALUE);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    private static void assertThatSignatureFailsWithAnotherSecret(String otherSecret, LoggedRequest request) throws Exception {
        assertThat(Arrays.asList(request.getHeader("webhook-signature").split(" ")))
                .doesNotContain("v1," + expectedSignature(otherSecret, request));
    }

    private static String expectedSignature(String secret, LoggedRequest request) throws Exception {
        assertThat(secret).startsWith("whsec_");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "."
                + new String(request.getBody(), StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** A real delivery for the docs' Python and Node snippets to verify (target/, never committed). */
    private static void keepSampleForTheDocs(String secret, LoggedRequest request) throws Exception {
        Path sample = Path.of("target", "event-signature-sample.json");
        Files.writeString(sample, JSON.writeValueAsString(Map.of("secret", secret,
                "webhook-id", request.getHeader("webhook-id"), "webhook-timestamp", request.getHeader("webhook-timestamp"),
                "webhook-signature", request.getHeader("webhook-signature"),
                "body", new String(request.getBody(), StandardCharsets.UTF_8))));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private Map<String, String> subscribe(String path, List<String> events, boolean includePersonalData) {
        var created = as(ADMIN).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:" + receiver.port() + path,
                        "events", events, "includePersonalData", includePersonalData))
                .post("/api/event-subscriptions").then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "secret", created.path("secret"));
    }

    private static String submitRefund() {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").item("MUG-01", 1, "89.90")
                .customerName("Alice Martin")
                // An address of its own: claims to one address count against it (velocity), and would go to a person.
                .shippingAddress("1 rue de la Paix, " + java.util.UUID.randomUUID(), "75002", "Paris", "FR")
                .paymentReference("pi_sandbox_events").map();
        return as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("REFUND_APPROVED")).extract().path("id");
    }

    private List<String> deliveryKeys(String claimId) {
        return db.strings("select idempotency_key from outbox where claim_id = ? and action = 'EVENT_DELIVERY' order by id",
                claimId);
    }

    private static String status(String claimId) {
        return as(io.claimpilot.support.Api.AGENT).get("/api/claims/" + claimId).then().statusCode(200).extract().path("status");
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
