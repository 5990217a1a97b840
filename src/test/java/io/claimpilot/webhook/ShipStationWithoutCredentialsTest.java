package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SHIP_NOTIFY arriving while the ShipStation API key and secret are not set: retrying cannot help until someone sets
 * them, so the delivery fails at once with the reason (an admin retries it afterwards), instead of backing off for hours.
 */
@QuarkusTest
@TestProfile(ShipStationWithoutCredentialsTest.NoApiCredentials.class)
class ShipStationWithoutCredentialsTest {

    /** The webhook token is set (deliveries are accepted), the API credentials are not. */
    public static class NoApiCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("claimpilot.shipstation.api-key", "", "claimpilot.shipstation.api-secret", "");
        }
    }

    @Inject
    WebhookProcessor processor;
    @Inject
    Db db;

    @Test
    void aShipNotifyWithoutApiCredentialsFailsAtOnceWithTheReasonAndIsNotRetried() {
        String batch = UUID.randomUUID().toString().replace("-", "");
        String body = ProviderFixtures.text("shipstation", "ship-notify.json").replace("batchId=12345678", "batchId=" + batch);
        given().contentType("application/json").body(body).post("/webhooks/shipstation/test-only-shipstation-token")
                .then().statusCode(202);

        processor.processDue();

        assertThat(db.count("select count(*) from webhook_delivery where provider = 'shipstation'"
                        + " and convert_from(body, 'UTF8') like ?1 and status = 'FAILED' and attempts = 1"
                        + " and last_error like '%CLAIMPILOT_SHIPSTATION_API_KEY%'", "%" + batch + "%"))
                .as("failed at once, with the setting to fix").isEqualTo(1);
        ProviderFakes.client().verifyThat(0, getRequestedFor(urlPathEqualTo("/shipments")).withQueryParam("batchId", equalTo(batch)));
    }
}
