package io.claimpilot.connector.shipstation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ShipStation (API v1): {@code POST /orders/createorder} with {@code orderKey} = the outbox key, so a second call
 * updates the same order instead of creating another. Basic authentication with the API key and secret. ShipStation
 * allows 40 requests a minute: when {@code X-Rate-Limit-Remaining} reaches 0, no call is made until
 * {@code X-Rate-Limit-Reset} seconds have passed; the actions wait in the outbox meanwhile.
 */
public class ShipStationReshipmentProvider implements ReshipmentProvider {

    static final String PROVIDER = "ShipStation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShipStationApi api;
    private final String authorization;
    private final Clock clock;
    /** Shared by every call of this client: the window ShipStation told us to wait for. */
    private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);

    public ShipStationReshipmentProvider(ShipStationApi api, String apiKey, String apiSecret, Clock clock) {
        this.api = api;
        this.authorization = ProviderEndpoint.basicAuth(apiKey, apiSecret);
        this.clock = clock;
    }

    @Override
    public Reshipment create(ReshipmentRequest request) {
        if (request.shipTo() == null) {
            throw ActionFailure.needsReview("The claim has no ship-to address (never sent, or erased): reship it by hand");
        }
        Instant now = clock.instant();
        Instant wait = notBefore.get();
        if (now.isBefore(wait)) {
            throw ActionFailure.rateLimited("ShipStation's rate limit is used up until " + wait, Duration.between(now, wait));
        }
        ProviderAnswer answer = ProviderAnswer.call(PROVIDER, () -> api.createOrder(authorization, order(request, now)));
        Duration reset = rememberRateLimit(answer, now);
        JsonNode json = answer.json();
        if (answer.ok()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", "shipstation");
            details.put("orderKey", json.path("orderKey").asText(request.orderKey()));
            details.put("orderNumber", json.path("orderNumber").asText(null));
            details.put("orderStatus", json.path("orderStatus").asText(null));
            return new Reshipment(json.path("orderId").asText(null), details);
        }
        String detail = json.path("ExceptionMessage").asText(json.path("Message").asText(answer.excerpt()));
        if (answer.status() == 429) {
            Duration retryAfter = reset != null ? reset : ProviderAnswer.retryAfter(answer.header("Retry-After"), clock);
            throw ActionFailure.rateLimited("ShipStation answered 429: " + detail, retryAfter);
        }
        throw answer.failure(PROVIDER, detail, clock);
    }

    /** A new order, awaiting shipment, to the claim's address, with the claimed items. */
    static ObjectNode order(ReshipmentRequest request, Instant now) {
        ObjectNode order = JSON.createObjectNode();
        order.put("orderNumber", request.originalOrderId() + "-R");
        order.put("orderKey", request.orderKey());
        order.put("orderDate", now.toString());
        order.put("orderStatus", "awaiting_shipment");
        order.set("billTo", address(request.shipTo()));
        order.set("shipTo", address(request.shipTo()));
        ArrayNode items = order.putArray("items");
        for (Item item : request.items()) {
            ObjectNode line = items.addObject();
            line.put("lineItemKey", request.orderKey() + ":" + item.sku());
            line.put("sku", item.sku());
            line.put("name", item.sku());
            line.put("quantity", item.quantity());
            if (item.unitPrice() != null) {
                line.put("unitPrice", item.unitPrice());
            }
        }
        order.put("amountPaid", 0);
        order.put("internalNotes", "Reshipment for ClaimPilot claim " + request.claimId() + " (order "
                + request.originalOrderId() + ")");
        return order;
    }

    private static ObjectNode address(ShipTo to) {
        ObjectNode address = JSON.createObjectNode();
        address.put("name", to.name());
        address.put("street1", to.street1());
        address.put("street2", to.street2());
        address.put("city", to.city());
        address.put("postalCode", to.postalCode());
        address.put("country", to.country());
        return address;
    }

    /** Remembers a used-up window; returns the reset delay ShipStation gave, or null. */
    private Duration rememberRateLimit(ProviderAnswer answer, Instant now) {
        Duration reset = ProviderAnswer.retryAfter(answer.header("X-Rate-Limit-Reset"), clock);
        String remaining = answer.header("X-Rate-Limit-Remaining");
        boolean usedUp = answer.status() == 429 || "0".equals(remaining == null ? null : remaining.strip());
        if (usedUp && reset != null) {
            notBefore.accumulateAndGet(now.plus(reset), (a, b) -> a.isAfter(b) ? a : b);
        }
        return reset;
    }
}
