package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers add fields without notice. Every published payload of ShipStation and Stripe, with an unknown field added at
 * each level in turn (the root, every nested object, every object in a list), goes through the same endpoint and job as
 * the original and must end the same way. Zendesk's and Gorgias's published answers get the same treatment in
 * {@link HelpdeskReplyWebhookTest}, next to the fake helpdesks they need.
 */
@QuarkusTest
class UnknownProviderFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookProcessor processor;
    @Inject
    RecordedEvents events;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Test
    void shipStationsShipNotifyAndShipmentsListWithAnUnknownFieldAnywhereReportTheSameShipment() throws Exception {
        String notify = ProviderFixtures.text("shipstation", "ship-notify.json");
        JsonNode shipments = ProviderFixtures.json("shipstation", "shipments.json");
        List<String> notifications = ProviderFixtures.withUnknownFieldAtEachLevel(JSON.readTree(notify));
        List<String> answers = ProviderFixtures.withUnknownFieldAtEachLevel(shipments);
        assertThat(answers).hasSizeGreaterThanOrEqualTo(6);

        for (String notification : notifications) {
            assertShipmentReported(notification, shipments.toString());
        }
        for (String answer : answers) {
            assertShipmentReported(notify, answer);
        }
    }

    @Test
    void stripesPublishedEventsWithAnUnknownFieldAnywhereAreProcessedLikeTheOriginals() {
        for (String fixture : List.of("charge.refunded.json", "refund.updated.json", "charge.refund.updated.json")) {
            String original = ProviderFixtures.text("stripe", fixture);
            String expected = processedStripeEvent(original);
            assertThat(expected).as(fixture).isNotBlank();
            List<String> variants = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json("stripe", fixture));
            assertThat(variants).as(fixture).hasSizeGreaterThanOrEqualTo(3);
            for (String variant : variants) {
                assertThat(processedStripeEvent(variant)).as(variant).isEqualTo(expected);
            }
        }
    }

    /** SHIP_NOTIFY with this body, ShipStation answering this list: the one shipment is reported as shipped. */
    private void assertShipmentReported(String notification, String answer) throws Exception {
        String batch = unique();
        String orderKey = "cl_" + unique() + ":RESHIP";
        ObjectNode list = (ObjectNode) JSON.readTree(answer);
        ((ObjectNode) list.path("shipments").get(0)).put("orderKey", orderKey);
        ProviderFakes.client().register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .willReturn(okJson(list.toString())));
        given().contentType("application/json").body(notification.replace("batchId=12345678", "batchId=" + batch))
                .post("/webhooks/shipstation/test-only-shipstation-token").then().statusCode(202);
        processor.processDue();
        assertThat(events.shipmentsFor(orderKey)).as(notification + " / " + answer).singleElement().isEqualTo(
                new ReshipmentShipped(orderKey, "9400111899561704681189", "stamps_com", Instant.parse("2014-10-03T00:00:00Z")));
    }

    /** Signs and sends the event with ids of its own, runs the job, and returns its outcome with those ids put back. */
    private String processedStripeEvent(String body) {
        String event = "evt_" + unique();
        String refund = "re_" + unique();
        String charge = "ch_" + unique();
        String sent = StripeWebhookTest.withIds(body, event, refund, charge);
        byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
        given().header("Stripe-Signature", WebhookSignatures.timestampedHeader(bytes, StripeWebhookTest.SECRET, clock.instant()))
                .contentType("application/json").body(bytes).post("/webhooks/stripe").then().statusCode(202);
        processor.processDue();
        List<String> outcome = db.strings("select status || ' ' || outcome from webhook_delivery where provider = 'stripe'"
                + " and delivery_id = ?1", event);
        assertThat(outcome).singleElement();
        return outcome.get(0).replace(refund, "<refund>").replace(charge, "<charge>");
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
