package io.claimpilot.connector.shipstation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.claimpilot.action.ReshipOrder;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.claimpilot.webhook.ProviderFakes;
import io.claimpilot.webhook.WebhookProcessor;
import io.claimpilot.support.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An exchange decided through the API, then carried out by the real RESHIP executor and ShipStation client against a
 * WireMock ShipStation on 127.0.0.1: the warehouse order carries the replacement SKU, under the outbox key. When
 * ShipStation's SHIP_NOTIFY webhook reports the parcel shipped, the customer gets the exchange's own message.
 */
@QuarkusTest
class ExchangeThroughShipStationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String WEBHOOK_TOKEN = "test-only-shipstation-token";

    @Inject
    MutableClock clock;
    @Inject
    Dispatcher dispatcher;
    @Inject
    WebhookProcessor webhooks;
    @Inject
    Db db;

    private WireMockServer shipstation;
    private ReshipExecutor executor;

    @BeforeEach
    void start() {
        shipstation = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        shipstation.start();
        ShipStationReshipmentProvider client = new ShipStationReshipmentProvider(new ProviderEndpoint(
                "http://127.0.0.1:" + shipstation.port(), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .restClient(ShipStationApi.class), "ss-key", "ss-secret", clock);
        executor = new ReshipExecutor();
        executor.providers = new ReshipmentProviders() {
            @Override
            public ReshipmentProvider current() {
                return client;
            }
        };
    }

    @AfterEach
    void stop() {
        shipstation.stop();
    }

    @Test
    void theWarehouseOrderOfAnExchangeCarriesTheReplacementSku() throws Exception {
        String claimed = uniqueId("SHOE-41");
        String replacement = uniqueId("SHOE-42");
        as(ADMIN).body(Map.of("available", 5, "unitPrice", Api.money("59.00"))).put("/api/stock/" + replacement)
                .then().statusCode(200);
        Api.ClaimBody body = claim("WRONG_ITEM", "59.00").fulfillment("DELIVERED").customerName("Alice Martin")
                .shippingAddress(uniqueId("1 rue de la Paix, bât. "), "75002", "Paris", "FR");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = body.item(claimed, 1, "59.00").map();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) request.get("items");
        items.get(0).put("exchangeFor", Map.of("sku", replacement));
        String id = as(SHOP).body(request).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("EXCHANGE_APPROVED")).extract().path("id");
        OutboxEntry entry = QuarkusTransaction.requiringNew().call(() ->
                OutboxEntry.<OutboxEntry>find("claimId = ?1 and action = ?2", id, ReshipOrder.ACTION).singleResult());
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"orderId":140335320,"orderNumber":"1002-R","orderKey":"%s","orderStatus":"awaiting_shipment",
                         "items":[{"sku":"%s","quantity":1,"unitPrice":59.00}]}
                        """.formatted(entry.idempotencyKey, replacement))));

        ActionResult result = executor.execute(entry, entry.payloadAs(ReshipOrder.class));

        assertThat(result.providerReference()).isEqualTo("140335320");
        var sent = shipstation.findAll(postRequestedFor(urlEqualTo("/orders/createorder")));
        assertThat(sent).hasSize(1);
        JsonNode order = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(order.path("orderKey").asText()).isEqualTo(id + ":RESHIP");
        assertThat(order.at("/items/0/sku").asText()).isEqualTo(replacement);
        assertThat(order.at("/items/0/quantity").asInt()).isEqualTo(1);
        assertThat(order.at("/shipTo/city").asText()).isEqualTo("Paris");
        assertThat(order.path("items")).hasSize(1);
    }

    @Test
    void anExchangeShippedThroughShipStationsWebhookSendsTheExchangeMessageNamingTheReplacement() {
        String replacement = uniqueId("SHOE-42");
        as(ADMIN).body(Map.of("available", 5, "unitPrice", Api.money("59.00"))).put("/api/stock/" + replacement)
                .then().statusCode(200);
        Map<String, Object> request = claim("WRONG_ITEM", "59.00").fulfillment("DELIVERED").customerName("Alice Martin")
                .shippingAddress(uniqueId("1 rue de la Paix, bât. "), "75002", "Paris", "FR").item(uniqueId("SHOE-41"), 1, "59.00").map();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) request.get("items");
        items.get(0).put("exchangeFor", Map.of("sku", replacement));
        String id = as(SHOP).body(request).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("EXCHANGE_APPROVED")).extract().path("id");
        drain();

        shipNotify(id + ":RESHIP", "1Z999AA10123456790");
        drain();

        Shipped message = shippedMessage(id);
        assertThat(message.situation()).isEqualTo("EXCHANGE_SHIPPED");
        assertThat(message.subject()).isEqualTo("Votre échange vient d'être expédié");
        assertThat(message.body()).startsWith("Bonjour Alice,")
                .contains(replacement + ", l'article que vous avez choisi en échange, vient de partir avec ups.")
                .contains("le numéro 1Z999AA10123456790");
    }

    @Test
    void aReshipmentShippedThroughShipStationsWebhookStillSendsTheReshipmentMessage() {
        String sku = uniqueId("VASE");
        as(ADMIN).body(Map.of("available", 2)).put("/api/stock/" + sku).then().statusCode(200);
        String id = as(SHOP).body(claim("RETURN_SCANNED", "25.00").fulfillment("DELIVERED").item(sku, 1, "25.00")
                        .customerName("Alice Martin").shippingAddress(uniqueId("1 rue de la Paix, bât. "), "75002", "Paris", "FR").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("RESHIP_APPROVED")).extract().path("id");
        drain();

        shipNotify(id + ":RESHIP", "1Z999AA10123456791");
        drain();

        Shipped message = shippedMessage(id);
        assertThat(message.situation()).isEqualTo("RESHIPMENT_SHIPPED");
        assertThat(message.subject()).isEqualTo("Votre nouveau colis est en route");
        assertThat(message.body()).contains("Nous vous renvoyons votre commande").contains("le numéro 1Z999AA10123456791")
                .doesNotContain("échange");
    }

    private record Shipped(String situation, String subject, String body) {
    }

    /** The one message that told the claim's customer their parcel left (exchange or reshipment). */
    private Shipped shippedMessage(String claimId) {
        String sent = " from customer_message where claim_id = ?1 and situation in ('EXCHANGE_SHIPPED', 'RESHIPMENT_SHIPPED')";
        List<String> situations = db.strings("select situation" + sent, claimId);
        assertThat(situations).as("one shipped message").hasSize(1);
        return new Shipped(situations.get(0), db.strings("select subject" + sent, claimId).get(0),
                db.strings("select body" + sent, claimId).get(0));
    }

    /** ShipStation's SHIP_NOTIFY for one shipment of the order key, as its webhook and its shipments API send it. */
    private void shipNotify(String orderKey, String trackingNumber) {
        String batch = uniqueId("batch");
        ProviderFakes.client().register(WireMock.get(urlPathEqualTo("/shipments")).withQueryParam("batchId", WireMock.equalTo(batch))
                .willReturn(okJson("""
                        {"shipments":[{"shipmentId":33974374,"orderId":43945660,"orderKey":"%s","orderNumber":"R-100038",
                         "createDate":"2026-11-25T06:51:33.6270000","shipDate":"2026-11-25","trackingNumber":"%s",
                         "isReturnLabel":false,"carrierCode":"ups","serviceCode":"ups_ground","voided":false}],
                         "total":1,"page":1,"pages":1}""".formatted(orderKey, trackingNumber))));
        String resourceUrl = ProviderFakes.baseUrl() + "/shipments?storeID=123456&batchId=" + batch + "&includeShipmentItems=False";
        given().contentType("application/json")
                .body("{\"resource_url\":\"" + resourceUrl + "\",\"resource_type\":\"SHIP_NOTIFY\"}")
                .post("/webhooks/shipstation/" + WEBHOOK_TOKEN).then().statusCode(202);
        webhooks.processDue();
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}
