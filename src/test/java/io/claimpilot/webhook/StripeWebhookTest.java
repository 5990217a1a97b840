package io.claimpilot.webhook;

import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.claimpilot.support.LogCapture;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Stripe refund events: signature, tolerance, deduplication, and one RefundStatusReported per refund object. */
@QuarkusTest
@SuppressWarnings("unchecked")
class StripeWebhookTest {

    static final String SECRET = "whsec_test_only_stripe_secret";

    @Inject
    WebhookProcessor processor;
    @Inject
    RecordedEvents events;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @Inject
    StripeApiVersions versions;

    /** The ids in the published fixtures, replaced per test so that each test has its own. */
    static final String FIXTURE_EVENT = "evt_1MoS6tLgUG5tbmjchDsX6fiT";
    static final String FIXTURE_REFUND = "re_1MoqxHLgUG5tbmjcYO7PFWn6";
    static final String FIXTURE_CHARGE = "ch_1MoS30LgUG5tbmjcjfsQqpHI";

    @Test
    void stripeJavasChargeRefundedIsVerifiedWithAV0InTheHeaderStoredAndProcessed() {
        String event = "evt_" + unique();
        String body = ProviderFixtures.text("stripe", "charge.refunded.json").replace("evt_00000000000000", event);
        String signed = WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant());
        String v1 = signed.substring(signed.indexOf("v1=") + 3);

        // A v0 alone (Stripe's old test-mode scheme) never verifies, not even carrying a valid v1's value.
        send(body, "t=" + clock.instant().getEpochSecond() + ",v0=" + v1).statusCode(401);
        // Stripe's header in test mode: t, v1, and a v0 after it.
        send(body, signed + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39")
                .statusCode(202).body("deliveryId", equalTo(event));
        processor.processDue();

        // Its charge lists no refunds (as every charge.refunded since API version 2022-11-15): done, nothing reported.
        assertThat(db.count("select count(*) from webhook_delivery where provider = 'stripe' and delivery_id = ?1"
                + " and status = 'DONE' and outcome = 'charge.refunded: no refund objects in the event'", event)).isEqualTo(1);
    }

    @Test
    void stripesPublishedRefundEventsRecordADashboardRefundAgainstTheOrderPaidByTheCharge() {
        for (String type : List.of("refund.updated", "charge.refund.updated")) {
            String orderId = "order-" + unique();
            String charge = "ch_" + unique();
            String refund = "re_" + unique();
            String event = "evt_" + unique();
            as(SHOP).body(Api.claim("DAMAGED", "5.00").orderId(orderId).totalPaid("10.99").currency("USD")
                    .paymentReference(charge).map()).post("/api/claims").then().statusCode(201);
            String body = publishedRefundEvent(type, event, refund, charge);

            send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant())).statusCode(202);
            processor.processDue();

            assertThat(events.refundsFor(refund)).as(type).singleElement()
                    .isEqualTo(new RefundStatusReported(null, "stripe", refund, "succeeded", null));
            assertThat(db.count("select count(*) from external_refund where provider = 'stripe' and order_id = ?1"
                    + " and refund_id = ?2 and amount = 1.00 and currency = 'USD' and claim_id is null", orderId, refund))
                    .as(type + ": the 100 cents refunded in the dashboard count against the order").isEqualTo(1);
        }
    }

    @Test
    void anEventInAnotherApiVersionIsWarnedAboutOncePerVersion() {
        StripeApiVersions fresh = new StripeApiVersions();
        assertThat(fresh.noteDelivered(null, StripeApiVersions.TARGETED)).as("the targeted version").isFalse();
        assertThat(fresh.noteDelivered(null, "2022-11-15")).as("the published fixtures' version, first time").isTrue();
        assertThat(fresh.noteDelivered(null, "2022-11-15")).as("second time").isFalse();
        assertThat(fresh.noteDelivered("2024-06-20", StripeApiVersions.TARGETED)).as("the header wins").isTrue();
        assertThat(fresh.noteDelivered(StripeApiVersions.TARGETED, "2022-11-15")).isFalse();

        // Through the endpoint: a version no other test sends, twice; one warning.
        String version = "2031-0" + (1 + (int) (Math.random() * 9)) + "-1" + (int) (Math.random() * 9) + ".test";
        LogCapture capture = LogCapture.of(StripeApiVersions.class);
        try {
            for (int i = 0; i < 2; i++) {
                String body = publishedRefundEvent("refund.updated", "evt_" + unique(), "re_" + unique(), "ch_" + unique());
                given().header("Stripe-Signature", WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant()))
                        .header("Stripe-Version", version).contentType("application/json").body(bytes(body))
                        .post("/webhooks/stripe").then().statusCode(202);
            }
        } finally {
            capture.close();
        }
        assertThat(capture.messages()).filteredOn(message -> message.contains(version)).singleElement()
                .satisfies(message -> assertThat(message).contains(StripeApiVersions.TARGETED));
        assertThat(versions.noteDelivered(version, null)).as("already warned").isFalse();
    }

    /** Stripe's OpenAPI refund in a published event envelope, with ids of this test's own. */
    private static String publishedRefundEvent(String type, String event, String refund, String charge) {
        return withIds(ProviderFixtures.text("stripe", type + ".json"), event, refund, charge);
    }

    /** A published Stripe event with ids of a test's own in place of the fixtures' ids. */
    static String withIds(String publishedEvent, String event, String refund, String charge) {
        return publishedEvent.replace(FIXTURE_EVENT, event).replace("evt_00000000000000", event).replace(FIXTURE_REFUND, refund)
                .replace(FIXTURE_CHARGE, charge);
    }

    @Test
    void chargeRefundedReportsEveryRefundOnceEvenWhenReplayed() {
        String event = "evt_" + unique();
        String first = "re_" + unique();
        String second = "re_" + unique();
        String body = chargeRefunded(event, refund(first, "succeeded", "cl_" + unique(), null) + ","
                + refund(second, "pending", null, null));

        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant()))
                .statusCode(202).body("status", equalTo("queued")).body("deliveryId", equalTo(event));
        processor.processDue();

        assertThat(events.refundsFor(first)).singleElement().satisfies(reported -> {
            assertThat(reported.provider()).isEqualTo("stripe");
            assertThat(reported.status()).isEqualTo("succeeded");
            assertThat(reported.claimId()).startsWith("cl_");
        });
        assertThat(events.refundsFor(second)).singleElement()
                .satisfies(reported -> assertThat(reported.claimId()).isNull());

        // Stripe retries the same event: 200, nothing stored twice, nothing fired twice.
        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant()))
                .statusCode(200).body("status", equalTo("duplicate"));
        processor.processDue();
        assertThat(events.refundsFor(first)).hasSize(1);
        assertThat(db.count("select count(*) from webhook_delivery where provider = 'stripe' and delivery_id = ?", event)).isEqualTo(1);
    }

    @Test
    void refundFailedCarriesTheClaimAndTheReason() {
        String refundId = "re_" + unique();
        String claimId = "cl_" + unique();
        String body = """
                {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":1764100000,"livemode":false,
                 "data":{"object":%s},"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"refund.failed"}"""
                .formatted(unique(), refund(refundId, "failed", claimId, "lost_or_stolen_card"));

        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant())).statusCode(202);
        processor.processDue();

        assertThat(events.refundsFor(refundId)).singleElement().isEqualTo(
                new RefundStatusReported(claimId, "stripe", refundId, "failed", "lost_or_stolen_card"));
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() {
        String event = "evt_" + unique();
        String refundId = "re_" + unique();
        String body = chargeRefunded(event, refund(refundId, "succeeded", null, null));
        long t = clock.instant().getEpochSecond();

        send(body, WebhookSignatures.timestampedHeader(bytes(body), "whsec_someone_else", clock.instant()))
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        send(body.replace("succeeded", "failed"), WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant()))
                .statusCode(401);
        send(body, "t=" + t).statusCode(401);
        send(body, "v1=abc").statusCode(401);
        given().body(body).post("/webhooks/stripe").then().statusCode(401);
        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?", event)).isZero();
        assertThat(events.refundsFor(refundId)).isEmpty();
    }

    @Test
    void theTimestampMustBeWithin300SecondsAndAnyV1MayMatch() {
        String old = chargeRefunded("evt_" + unique(), refund("re_" + unique(), "succeeded", null, null));
        Instant now = clock.instant();
        send(old, WebhookSignatures.timestampedHeader(bytes(old), SECRET, now.minusSeconds(301))).statusCode(401);
        send(old, WebhookSignatures.timestampedHeader(bytes(old), SECRET, now.plusSeconds(301))).statusCode(401);
        send(old, WebhookSignatures.timestampedHeader(bytes(old), SECRET, now.minusSeconds(299))).statusCode(202);

        // During a secret roll Stripe signs with both secrets: one matching v1 is enough.
        String rolled = chargeRefunded("evt_" + unique(), refund("re_" + unique(), "succeeded", null, null));
        String valid = WebhookSignatures.timestampedHeader(bytes(rolled), SECRET, now);
        String header = "t=" + now.getEpochSecond() + ",v1=" + "0".repeat(64) + "," + valid.substring(valid.indexOf("v1=")) + ",v0=legacy";
        send(rolled, header).statusCode(202);
    }

    @Test
    void otherEventTypesAreAcknowledgedButNotStored() {
        String event = "evt_" + unique();
        String body = "{\"id\":\"" + event + "\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":{}}}";

        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant()))
                .statusCode(200).body("status", equalTo("ignored"));
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?", event)).isZero();
    }

    @Test
    void aRefundMadeInTheStripeDashboardLowersTheOrdersRefundableBalance() {
        String orderId = "order-" + unique();
        String paymentIntent = "pi_" + unique();
        Api.ClaimBody first = Api.claim("DAMAGED", "20.00").orderId(orderId).totalPaid("89.90");
        ((Map<String, Object>) first.map().get("order")).put("paymentReference", paymentIntent);
        as(SHOP).body(first.map()).post("/api/claims").then().statusCode(201);

        String dashboard = "re_" + unique();
        String ours = "re_" + unique();
        sendEvent("refund.updated", refund(dashboard, "succeeded", null, null).replace("\"amount\":4495", "\"amount\":5000")
                .replace("\"payment_intent\":\"pi_x\"", "\"payment_intent\":\"" + paymentIntent + "\""));
        sendEvent("refund.updated", refund(ours, "succeeded", "cl_" + unique(), null)
                .replace("\"payment_intent\":\"pi_x\"", "\"payment_intent\":\"" + paymentIntent + "\""));
        processor.processDue();

        assertThat(db.count("select count(*) from external_refund where provider = 'stripe' and order_id = ? and refund_id = ?"
                + " and amount = 50.00 and currency = 'EUR' and claim_id is null", orderId, dashboard)).isEqualTo(1);
        assertThat(db.count("select count(*) from external_refund where refund_id = ?", ours)).as("ours, by its claim id").isZero();
        as(SHOP).body(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").orderId(orderId).totalPaid("89.90")
                        .paymentReference(paymentIntent).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW"))
                .body("facts.refundableBalance", equalTo("39.90"))
                .body("decision.reasons[0]", org.hamcrest.Matchers.containsString("left to refund"));
    }

    private void sendEvent(String type, String refundObject) {
        String body = """
                {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":1764100000,"livemode":false,
                 "data":{"object":%s},"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s"}"""
                .formatted(unique(), refundObject, type);
        send(body, WebhookSignatures.timestampedHeader(bytes(body), SECRET, clock.instant())).statusCode(202);
    }

    static String chargeRefunded(String eventId, String refunds) {
        String charge = "ch_" + unique();
        return """
                {"id":"%s","object":"event","api_version":"2024-06-20","created":1764100000,
                 "data":{"object":{"id":"%s","object":"charge","amount":8990,"amount_captured":8990,"amount_refunded":8990,
                   "currency":"eur","payment_intent":"pi_%s","refunded":true,"status":"succeeded",
                   "refunds":{"object":"list","data":[%s],"has_more":false,"total_count":2,"url":"/v1/charges/%s/refunds"}},
                  "previous_attributes":{"amount_refunded":0,"refunded":false}},
                 "livemode":false,"pending_webhooks":1,"request":{"id":"req_x","idempotency_key":null},"type":"charge.refunded"}"""
                .formatted(eventId, charge, unique(), refunds, charge);
    }

    static String refund(String id, String status, String claimId, String failureReason) {
        return """
                {"id":"%s","object":"refund","amount":4495,"balance_transaction":"txn_x","charge":"ch_x","created":1764100000,
                 "currency":"eur","metadata":%s,"payment_intent":"pi_x","reason":"requested_by_customer","receipt_number":null,
                 "source_transfer_reversal":null,"status":"%s","transfer_reversal":null%s}"""
                .formatted(id, claimId == null ? "{}" : "{\"claim_id\":\"" + claimId + "\"}", status,
                        failureReason == null ? "" : ",\"failure_reason\":\"" + failureReason + "\"");
    }

    private static ValidatableResponse send(String body, String signature) {
        return given().header("Stripe-Signature", signature).contentType("application/json; charset=utf-8")
                .body(bytes(body)).post("/webhooks/stripe").then();
    }

    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
