package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** SHIP_NOTIFY: the URL token, the SSRF guard, the queued fetch with Basic auth, pages, retries, and the events. */
@QuarkusTest
class ShipStationWebhookTest {

    private static final String TOKEN = "test-only-shipstation-token";
    // Basic base64("test-only-shipstation-key:test-only-shipstation-secret")
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("test-only-shipstation-key:test-only-shipstation-secret".getBytes());

    @Inject
    WebhookProcessor processor;
    @Inject
    RecordedEvents events;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @Inject
    Dispatcher dispatcher;
    @Inject
    ShipStationShipments shipStation;

    @Test
    void shipStationsPublishedShipNotifyFromANumberedHostMarksTheReshipmentShippedAndTellsTheCustomer() {
        String claimId = reshipmentCreatedInShipStation();
        String batch = unique();
        JsonNode answer = ProviderFixtures.json("shipstation", "shipments.json");
        ((ObjectNode) answer.path("shipments").get(0)).put("orderKey", claimId + ":RESHIP");
        // ShipStation's resource_url names a numbered API host; the fetch goes to the configured host (the fake here).
        ProviderFakes.client().register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .withQueryParam("storeID", equalTo("123456")).withQueryParam("includeShipmentItems", equalTo("False"))
                .withHeader("Authorization", equalTo(BASIC)).willReturn(okJson(answer.toString())));
        String body = ProviderFixtures.text("shipstation", "ship-notify.json").replace("batchId=12345678", "batchId=" + batch);
        assertThat(body).contains("https://ssapi4.shipstation.com/shipments?");

        send(TOKEN, body).statusCode(202).body("status", org.hamcrest.Matchers.equalTo("queued"));
        processor.processDue();
        drain();

        assertThat(events.shipmentsFor(claimId + ":RESHIP")).singleElement().isEqualTo(new ReshipmentShipped(
                claimId + ":RESHIP", "9400111899561704681189", "stamps_com", Instant.parse("2014-10-03T00:00:00Z")));
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1 and result->>'trackingNumber' = ?2",
                claimId + ":RESHIP", "9400111899561704681189")).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1 and payload->>'trackingNumber' = ?2",
                claimId + ":NOTIFY_CUSTOMER:RESHIPMENT_SHIPPED", "9400111899561704681189"))
                .as("the customer is told the reshipment is on its way").isEqualTo(1);
    }

    @Test
    void resourceUrlsOnShipStationsApiHostsAreAcceptedAndLookAlikesAreRefused() {
        for (String host : List.of("ssapi.shipstation.com", "ssapi4.shipstation.com", "ssapi11.shipstation.com",
                "SSAPI12.ShipStation.com", "ssapi12.shipstation.com:443")) {
            String url = "https://" + host + "/shipments?storeID=123456&batchId=" + unique() + "&includeShipmentItems=False";
            assertThat(shipStation.isShipStationUrl(url)).as(url).isTrue();
            assertThat(send(TOKEN, notification(url)).extract().statusCode()).as(url).isEqualTo(202);
        }
        String marker = unique();
        for (String url : List.of("https://ssapi4.shipstation.com.evil.test/shipments?batchId=" + marker,
                "https://evilssapi4.shipstation.com/shipments?batchId=" + marker,
                "https://ssapiX.shipstation.com/shipments?batchId=" + marker,
                "https://ssapi-4.shipstation.com/shipments?batchId=" + marker,
                "https://shipstation.com/shipments?batchId=" + marker,
                "http://ssapi4.shipstation.com/shipments?batchId=" + marker,
                "https://user:pw@ssapi4.shipstation.com/shipments?batchId=" + marker,
                "https://ssapi4.shipstation.com@evil.test/shipments?batchId=" + marker,
                "https://ssapi4.shipstation.com:8443/shipments?batchId=" + marker,
                "https://ssapi4.shipstation.com/accounts/listtags?batchId=" + marker,
                "https://ssapi4.shipstation.com/shipments/../accounts/listtags?batchId=" + marker)) {
            assertThat(shipStation.isShipStationUrl(url)).as(url).isFalse();
            var refused = send(TOKEN, notification(url)).extract();
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(refused.contentType()).as(url).startsWith("application/problem+json");
            assertThat(refused.<String>path("field")).as(url).isEqualTo("resource_url");
        }
        assertThat(db.count("select count(*) from webhook_delivery where convert_from(body, 'UTF8') like ?", "%" + marker + "%")).isZero();
    }

    @Test
    void shipNotifyFetchesEveryPageAndReportsEachShipmentOnce() {
        String batch = unique();
        String reship = "cl_" + unique() + ":RESHIP";
        String other = "cl_" + unique() + ":RESHIP";
        String voided = "cl_" + unique() + ":RESHIP";
        String returned = "cl_" + unique() + ":RESHIP";
        WireMock shipStation = ProviderFakes.client();
        shipStation.register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .withQueryParam("page", absent()).withHeader("Authorization", equalTo(BASIC))
                .willReturn(okJson(page(shipment(reship, "1Z999AA10123456784", "ups", "2026-11-25", false, false) + ","
                        + shipment(voided, "9400111899560334651156", "stamps_com", "2026-11-25", true, false), 1, 2))));
        shipStation.register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .withQueryParam("page", equalTo("2")).withHeader("Authorization", equalTo(BASIC))
                .willReturn(okJson(page(shipment(other, "794644790138", "fedex", "2026-11-26T00:00:00.0000000", false, false) + ","
                        + shipment(returned, "1Z999AA10123456785", "ups", "2026-11-26", false, true), 2, 2))));
        String body = notification(resourceUrl(batch));

        send(TOKEN, body).statusCode(202).body("status", org.hamcrest.Matchers.equalTo("queued"));
        assertThat(events.shipmentsFor(reship)).as("processing is queued, not inline").isEmpty();
        processor.processDue();

        assertThat(events.shipmentsFor(reship)).singleElement().isEqualTo(
                new ReshipmentShipped(reship, "1Z999AA10123456784", "ups", Instant.parse("2026-11-25T00:00:00Z")));
        assertThat(events.shipmentsFor(other)).singleElement().isEqualTo(
                new ReshipmentShipped(other, "794644790138", "fedex", Instant.parse("2026-11-26T00:00:00Z")));
        assertThat(events.shipmentsFor(voided)).as("voided label").isEmpty();
        assertThat(events.shipmentsFor(returned)).as("return label").isEmpty();

        send(TOKEN, body).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("duplicate"));
        processor.processDue();
        assertThat(events.shipmentsFor(reship)).hasSize(1);
        shipStation.verifyThat(1, getRequestedFor(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .withQueryParam("page", absent()));
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsStoredOrFetched() {
        String batch = unique();
        String body = notification(resourceUrl(batch));

        send("not-the-token", body).statusCode(401).contentType("application/problem+json");
        send(TOKEN + "x", body).statusCode(401);

        assertThat(db.count("select count(*) from webhook_delivery where convert_from(body, 'UTF8') like ?", "%" + batch + "%")).isZero();
        ProviderFakes.client().verifyThat(0, getRequestedFor(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch)));
    }

    @Test
    void aResourceUrlOffTheShipStationHostIsNeverFollowed() {
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "https://evil.example/shipments?batchId=1",
                ProviderFakes.baseUrl().replace("127.0.0.1", "localhost") + "/shipments?batchId=1",
                ProviderFakes.baseUrl().replace("http://", "http://user:pw@") + "/shipments?batchId=1", "file:///etc/passwd"}) {
            send(TOKEN, notification(url)).statusCode(400).body("field", org.hamcrest.Matchers.equalTo("resource_url"));
        }
        assertThat(db.count("select count(*) from webhook_delivery where convert_from(body, 'UTF8') like ?", "%evil.example%")).isZero();
    }

    @Test
    void aShipStationOutageIsRetriedWithBackoffUntilItAnswers() {
        String batch = unique();
        String reship = "cl_" + unique() + ":RESHIP";
        WireMock shipStation = ProviderFakes.client();
        shipStation.register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .willReturn(aResponse().withStatus(503)));
        send(TOKEN, notification(resourceUrl(batch))).statusCode(202);
        String delivery = WebhookSignatures.sha256Hex(resourceUrl(batch));

        processor.processDue();
        assertThat(events.shipmentsFor(reship)).isEmpty();
        assertThat(db.count("select attempts from webhook_delivery where delivery_id = ? and status = 'PENDING'"
                + " and last_error like '%503%'", delivery)).isEqualTo(1);
        processor.processDue();
        assertThat(db.count("select attempts from webhook_delivery where delivery_id = ?", delivery))
                .as("not due again before its backoff").isEqualTo(1);

        shipStation.register(get(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch))
                .willReturn(okJson(page(shipment(reship, "1Z999AA10123456786", "ups", "2026-11-25", false, false), 1, 1))));
        clock.advance(Duration.ofMinutes(2));
        processor.processDue();

        assertThat(events.shipmentsFor(reship)).hasSize(1);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ? and status = 'DONE' and attempts = 2",
                delivery)).isEqualTo(1);
    }

    @Test
    void otherResourceTypesAreAcknowledgedButNotStored() {
        String batch = unique();
        send(TOKEN, "{\"resource_url\":\"" + resourceUrl(batch) + "\",\"resource_type\":\"ORDER_NOTIFY\"}")
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ignored"));
        assertThat(db.count("select count(*) from webhook_delivery where convert_from(body, 'UTF8') like ?", "%" + batch + "%")).isZero();
    }

    /** A reshipment claim whose order the (sandbox) reshipment provider has created, waiting for SHIP_NOTIFY. */
    private String reshipmentCreatedInShipStation() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 2)).put("/api/stock/" + sku).then().statusCode(200);
        String id = as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00")
                        .customerId(uniqueId("cust")).shippingAddress(uniqueId("1 rue de la Paix, bât. "), "75002", "Paris", "FR").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("RESHIP_APPROVED")).extract().path("id");
        drain();
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1 and status = 'DONE'", id + ":RESHIP")).isEqualTo(1);
        return id;
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }

    private static String resourceUrl(String batch) {
        return ProviderFakes.baseUrl() + "/shipments?storeID=123456&batchId=" + batch + "&includeShipmentItems=False";
    }

    private static String notification(String resourceUrl) {
        return "{\"resource_url\":\"" + resourceUrl + "\",\"resource_type\":\"SHIP_NOTIFY\"}";
    }

    private static String page(String shipments, int page, int pages) {
        return "{\"shipments\":[" + shipments + "],\"total\":2,\"page\":" + page + ",\"pages\":" + pages + "}";
    }

    private static String shipment(String orderKey, String tracking, String carrier, String shipDate, boolean voided, boolean returnLabel) {
        return """
                {"shipmentId":33974374,"orderId":43945660,"orderKey":"%s","userId":"123456AB-ab12-3c4d-5e6f-123456ABCDEF",
                 "customerEmail":null,"orderNumber":"R-100038","createDate":"2026-11-25T06:51:33.6270000","shipDate":"%s",
                 "shipmentCost":7.93,"insuranceCost":0,"trackingNumber":"%s","isReturnLabel":%s,"batchNumber":"100301",
                 "carrierCode":"%s","serviceCode":"ups_ground","packageCode":"package","confirmation":"delivery",
                 "warehouseId":16079,"voided":%s,"voidDate":null,"marketplaceNotified":true,"notifyErrorMessage":null,
                 "shipTo":null,"weight":{"value":12,"units":"ounces","WeightUnits":1},"dimensions":null,
                 "insuranceOptions":{"provider":null,"insureShipment":false,"insuredValue":0},"advancedOptions":null,
                 "shipmentItems":null,"labelData":null,"formData":null}"""
                .formatted(orderKey, shipDate, tracking, returnLabel, carrier, voided);
    }

    private static ValidatableResponse send(String token, String body) {
        return given().contentType("application/json").body(body).post("/webhooks/shipstation/" + token).then();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
