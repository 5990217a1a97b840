package io.claimpilot.connector.shipstation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real ShipStation client against a WireMock ShipStation (API v1) on 127.0.0.1. */
@QuarkusTest
class ShipStationReshipmentProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MutableClock clock;

    private WireMockServer shipstation;
    private ShipStationReshipmentProvider client;

    @BeforeEach
    void start() {
        shipstation = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
        shipstation.start();
        client = new ShipStationReshipmentProvider(new ProviderEndpoint("http://127.0.0.1:" + shipstation.port(),
                Duration.ofSeconds(2), Duration.ofMillis(1500)).restClient(ShipStationApi.class), "ss-key", "ss-secret", clock);
    }

    @AfterEach
    void stop() {
        shipstation.stop();
    }

    @Test
    void createOrderSendsTheKeyTheAddressAndTheItemsWithBasicAuthentication() throws Exception {
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).willReturn(created("cl_1:RESHIP", 40)
                .withHeader("X-Rate-Limit-Limit", "40").withHeader("X-Rate-Limit-Remaining", "39").withHeader("X-Rate-Limit-Reset", "60")));

        ReshipmentProvider.Reshipment reshipment = client.create(request("cl_1"));

        assertThat(reshipment.orderId()).isEqualTo("140335319");
        assertThat(reshipment.details()).containsEntry("orderStatus", "awaiting_shipment");
        var sent = shipstation.findAll(postRequestedFor(urlEqualTo("/orders/createorder")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ss-key:ss-secret".getBytes()));
        JsonNode order = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(order.path("orderKey").asText()).isEqualTo("cl_1:RESHIP");
        assertThat(order.path("orderStatus").asText()).isEqualTo("awaiting_shipment");
        assertThat(order.path("orderNumber").asText()).isEqualTo("1001-R");
        assertThat(order.at("/shipTo/name").asText()).isEqualTo("Alice Martin");
        assertThat(order.at("/shipTo/street1").asText()).isEqualTo("1 rue de la Paix");
        assertThat(order.at("/shipTo/postalCode").asText()).isEqualTo("75002");
        assertThat(order.at("/shipTo/city").asText()).isEqualTo("Paris");
        assertThat(order.at("/shipTo/country").asText()).isEqualTo("FR");
        assertThat(order.at("/billTo/name").asText()).isEqualTo("Alice Martin");
        assertThat(order.at("/items/0/sku").asText()).isEqualTo("MUG-01");
        assertThat(order.at("/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(order.at("/items/0/unitPrice").decimalValue()).isEqualByComparingTo("12.25");
    }

    @Test
    void whenTheMinuteIsUsedUpNoCallIsMadeUntilTheReset() {
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).willReturn(created("cl_a:RESHIP", 40)
                .withHeader("X-Rate-Limit-Limit", "40").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", "25")));

        client.create(request("cl_a"));
        assertThatThrownBy(() -> client.create(request("cl_b"))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(25));
        });
        shipstation.verify(1, postRequestedFor(urlEqualTo("/orders/createorder")));

        clock.advance(Duration.ofSeconds(25));
        client.create(request("cl_b"));
        shipstation.verify(2, postRequestedFor(urlEqualTo("/orders/createorder")));
    }

    @Test
    void a429WaitsForTheResetAndServerErrorsAndTimeoutsAreRetried() {
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).withRequestBody(containing("cl_429"))
                .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "40")
                        .withHeader("X-Rate-Limit-Remaining", "0").withHeader("X-Rate-Limit-Reset", "12")
                        .withBody("{\"message\":\"Too Many Requests\"}")));
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).withRequestBody(containing("cl_500"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"Message\":\"An error has occurred.\",\"ExceptionMessage\":\"Object reference not set to an instance of an object.\"}")));
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).withRequestBody(containing("cl_slow"))
                .willReturn(created("cl_slow:RESHIP", 40).withFixedDelay(4000)));

        assertThatThrownBy(() -> client.create(request("cl_429"))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
        clock.advance(Duration.ofSeconds(12));
        assertThatThrownBy(() -> client.create(request("cl_500"))).isInstanceOfSatisfying(ActionFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(failure).hasMessageContaining("Object reference not set");
        });
        assertThatThrownBy(() -> client.create(request("cl_slow"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE));
    }

    @Test
    void badRequestsAndCredentialsAreNotRetriedAndAMissingAddressNeedsAPerson() {
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).withRequestBody(containing("cl_bad"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"Message\":\"The request is invalid.\",\"ModelState\":{\"apiOrder.shipTo.country\":[\"Invalid country code.\"]}}")));
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).withRequestBody(containing("cl_401"))
                .willReturn(aResponse().withStatus(401).withBody("401 Unauthorized")));

        assertThatThrownBy(() -> client.create(request("cl_bad"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.PERMANENT));
        assertThatThrownBy(() -> client.create(request("cl_401"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.PERMANENT));
        var noAddress = new ReshipmentProvider.ReshipmentRequest("cl_x", "cl_x:RESHIP", "1001", null, List.of(), "EUR");
        assertThatThrownBy(() -> client.create(noAddress)).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.NEEDS_REVIEW));
        shipstation.verify(2, postRequestedFor(urlEqualTo("/orders/createorder")).withHeader("Content-Type", containing("application/json")));
    }

    @Test
    void aRedirectIsNotFollowedSoTheCredentialsNeverLeaveForAnotherAddress() {
        shipstation.stubFor(post(urlEqualTo("/orders/createorder")).willReturn(aResponse().withStatus(303)
                .withHeader("Location", "http://127.0.0.1:" + shipstation.port() + "/elsewhere")));
        shipstation.stubFor(any(urlEqualTo("/elsewhere")).willReturn(created("cl_r:RESHIP", 40)));

        assertThatThrownBy(() -> client.create(request("cl_r"))).isInstanceOfSatisfying(ActionFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.PERMANENT));
        shipstation.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
    }

    private static ReshipmentProvider.ReshipmentRequest request(String claimId) {
        return new ReshipmentProvider.ReshipmentRequest(claimId, claimId + ":RESHIP", "1001",
                new ReshipmentProvider.ShipTo("Alice Martin", "1 rue de la Paix", null, "75002", "Paris", "FR"),
                List.of(new ReshipmentProvider.Item("MUG-01", 2, new BigDecimal("12.25"))), "EUR");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String orderKey, int remaining) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"orderId":140335319,"orderNumber":"1001-R","orderKey":"%s","orderDate":"2026-11-26T08:46:27.0000000",
                         "createDate":"2026-11-26T08:46:27.0000000","orderStatus":"awaiting_shipment","customerId":null,
                         "billTo":{"name":"Alice Martin"},"shipTo":{"name":"Alice Martin","street1":"1 rue de la Paix","city":"Paris",
                         "postalCode":"75002","country":"FR"},"items":[{"orderItemId":136282568,"lineItemKey":"%s:MUG-01","sku":"MUG-01",
                         "name":"MUG-01","quantity":2,"unitPrice":12.25}],"orderTotal":24.50,"amountPaid":0}
                        """.formatted(orderKey, orderKey));
    }
}
