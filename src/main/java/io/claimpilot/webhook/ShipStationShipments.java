package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.connector.shipstation.ShipStationApi;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the shipments a ShipStation {@code SHIP_NOTIFY} points to ({@code resource_url}), with Basic auth (API key
 * and secret), page by page. Only URLs on the configured ShipStation host are ever followed: the webhook is unsigned,
 * so its URL must not be able to make us call anywhere else (SSRF) or send our credentials there.
 */
@ApplicationScoped
public class ShipStationShipments {

    @ConfigProperty(name = "claimpilot.shipstation.base-url", defaultValue = "https://ssapi.shipstation.com")
    URI baseUrl;
    @ConfigProperty(name = "claimpilot.shipstation.api-key")
    Optional<String> apiKey;
    @ConfigProperty(name = "claimpilot.shipstation.api-secret")
    Optional<String> apiSecret;
    @ConfigProperty(name = "claimpilot.shipstation.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;
    @ConfigProperty(name = "claimpilot.shipstation.read-timeout", defaultValue = "30s")
    Duration timeout;

    private ShipStationApi api;

    /** The fields of a shipment the reshipment flow needs. */
    public record Shipment(String orderKey, String trackingNumber, String carrierCode, Instant shipDate,
                           boolean voided, boolean returnLabel) {
    }

    @PostConstruct
    void init() {
        api = new ProviderEndpoint(baseUrl.toString(), connectTimeout, timeout).restClient(ShipStationApi.class);
    }

    /** True when the URL is on the configured ShipStation scheme, host and port. */
    public boolean isShipStationUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && uri.getUserInfo() == null
                    && baseUrl.getScheme().equalsIgnoreCase(uri.getScheme())
                    && baseUrl.getHost().equalsIgnoreCase(uri.getHost())
                    && port(baseUrl) == port(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Every shipment of the resource, all pages. */
    public List<Shipment> fetch(String resourceUrl) {
        if (!isShipStationUrl(resourceUrl)) {
            throw new WebhookRejected("resource_url is not on the configured ShipStation host " + baseUrl.getHost());
        }
        if (apiKey.isEmpty() || apiSecret.isEmpty()) {
            throw new IllegalStateException("CLAIMPILOT_SHIPSTATION_API_KEY and _API_SECRET are not set");
        }
        String authorization = ProviderEndpoint.basicAuth(apiKey.get(), apiSecret.get());
        List<Shipment> shipments = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode body = get(withPage(resourceUrl, page), authorization);
            body.path("shipments").forEach(node -> shipments.add(shipment(node)));
            pages = body.path("pages").asInt(1);
            page++;
        } while (page <= pages && page <= 100);
        return shipments;
    }

    private JsonNode get(URI uri, String authorization) {
        try {
            JsonNode body = ProviderAnswer.read("ShipStation", () -> api.resource(uri.toString(), authorization));
            if (body == null) {
                throw new WebhookRejected("ShipStation has no such resource (404)");
            }
            return body;
        } catch (ProviderAnswer.Unreadable e) {
            if (!e.retryable()) {
                throw new WebhookRejected(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Shipment shipment(JsonNode node) {
        return new Shipment(text(node, "orderKey"), text(node, "trackingNumber"), text(node, "carrierCode"),
                date(text(node, "shipDate")), node.path("voided").asBoolean(false), node.path("isReturnLabel").asBoolean(false));
    }

    /** ShipStation's shipDate is a date ("2024-05-01") or a date-time without zone: the day is what counts. */
    private static Instant date(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static URI withPage(String resourceUrl, int page) {
        URI uri = URI.create(resourceUrl);
        if (page == 1) {
            return uri;
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)page=[^&]*", "");
        query = (query.isEmpty() || query.equals("&") ? "" : (query.startsWith("&") ? query.substring(1) : query) + "&") + "page=" + page;
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
