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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fetches the shipments a ShipStation {@code SHIP_NOTIFY} points to ({@code resource_url}), with Basic auth (API key
 * and secret), page by page. The webhook is unsigned, so its URL must not be able to make us call anywhere else (SSRF)
 * or send our credentials there: a {@code resource_url} is accepted only on ShipStation's API hosts (or the configured
 * one), only for the shipments list, and only its path and query are used, always against the configured host.
 */
@ApplicationScoped
public class ShipStationShipments {

    /**
     * ShipStation's API v1 hosts: {@code ssapi.shipstation.com} and the numbered nodes behind it ({@code ssapi4},
     * {@code ssapi11}, {@code ssapi12} …) that live {@code SHIP_NOTIFY} deliveries name. Whole host, digits only.
     */
    private static final Pattern SHIPSTATION_API_HOST = Pattern.compile("ssapi[0-9]*\\.shipstation\\.com");
    /** The one resource a SHIP_NOTIFY points to: the shipments of a batch. */
    private static final String SHIPMENTS_PATH = "/shipments";

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

    /**
     * True when the URL is ShipStation's shipments list on one of its API hosts (https, port 443) or on the configured
     * scheme, host and port, with no user-info part.
     */
    public boolean isShipStationUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getUserInfo() != null || !SHIPMENTS_PATH.equals(uri.getRawPath())) {
                return false;
            }
            boolean shipStationHost = "https".equalsIgnoreCase(uri.getScheme()) && port(uri) == 443
                    && SHIPSTATION_API_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches();
            boolean configuredHost = baseUrl.getScheme().equalsIgnoreCase(uri.getScheme())
                    && baseUrl.getHost().equalsIgnoreCase(uri.getHost()) && port(baseUrl) == port(uri);
            return shipStationHost || configuredHost;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Every shipment of the resource, all pages. */
    public List<Shipment> fetch(String resourceUrl) {
        if (!isShipStationUrl(resourceUrl)) {
            throw new WebhookRejected("resource_url is not ShipStation's shipments list on a ShipStation API host");
        }
        if (apiKey.isEmpty() || apiSecret.isEmpty()) {
            throw new ProviderNotConfigured("The ShipStation API key and secret are not configured"
                    + " (CLAIMPILOT_SHIPSTATION_API_KEY, CLAIMPILOT_SHIPSTATION_API_SECRET): shipments cannot be fetched");
        }
        String authorization = ProviderEndpoint.basicAuth(apiKey.get(), apiSecret.get());
        URI onConfiguredHost = onConfiguredHost(URI.create(resourceUrl));
        List<Shipment> shipments = new ArrayList<>();
        int page = 1;
        int pages;
        do {
            JsonNode body = get(withPage(onConfiguredHost, page), authorization);
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

    /**
     * The resource's path and query on the configured host. The numbered hosts serve the same API v1 as
     * ssapi.shipstation.com, so nothing is lost; and our credentials only ever go to the host an operator configured
     * (a sandbox or a test fake included), never to one a webhook body named.
     */
    private URI onConfiguredHost(URI resource) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + resource.getRawPath() + (resource.getRawQuery() == null ? "" : "?" + resource.getRawQuery()));
    }

    private static URI withPage(URI uri, int page) {
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
