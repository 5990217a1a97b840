package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Webhooks in. No API key: each provider's signature (or, for ShipStation, the secret token in the URL, and for
 * Gorgias, the secret token in a header) authenticates the delivery. An endpoint only verifies, stores the raw delivery once and answers: {@code 202} when queued,
 * {@code 200} for a delivery already received (a replay, with no second effect), {@code 401} when the signature does
 * not match (nothing stored). {@link WebhookProcessor} does the work afterwards.
 */
@Path("/webhooks")
// Open to the network on purpose: providers sign their deliveries, and each endpoint checks that signature (or the
// ShipStation token) itself before storing anything. Without it deny-unannotated-endpoints would refuse them.
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    @Inject
    WebhookInbox inbox;
    @Inject
    ShipStationShipments shipStation;
    @Inject
    ShopifyApiVersions shopifyVersions;
    @Inject
    StripeApiVersions stripeVersions;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    @ConfigProperty(name = "claimpilot.shopify.webhook-secret")
    Optional<String> shopifySecret;
    @ConfigProperty(name = "claimpilot.shopify.webhook-secret-previous")
    Optional<String> shopifyPreviousSecret;
    @ConfigProperty(name = "claimpilot.stripe.webhook-secret")
    Optional<String> stripeSecret;
    @ConfigProperty(name = "claimpilot.shipstation.webhook-token")
    Optional<String> shipStationToken;
    @ConfigProperty(name = "claimpilot.wms.webhook-secret")
    Optional<String> wmsSecret;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.webhook-secret")
    Optional<String> zendeskSecret;
    /** The secret of the second Zendesk webhook, the one subscribed to comment events: each webhook has its own. */
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.events-webhook-secret")
    Optional<String> zendeskEventsSecret;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.webhook-token")
    Optional<String> gorgiasToken;
    @ConfigProperty(name = "claimpilot.webhooks.signature-tolerance", defaultValue = "300s")
    Duration tolerance;

    /** The answer to a verified delivery. */
    public record Receipt(String status, String provider, String deliveryId) {
    }

    @POST
    @Path("/shopify")
    public Response shopify(@HeaderParam("X-Shopify-Hmac-SHA256") String hmac, @HeaderParam("X-Shopify-Topic") String topic,
                            @HeaderParam("X-Shopify-Webhook-Id") String webhookId,
                            @HeaderParam("X-Shopify-Event-Id") String eventId,
                            @HeaderParam("X-Shopify-API-Version") String apiVersion, byte[] body) {
        if (!WebhookSignatures.shopifyValid(body, hmac, Arrays.asList(shopifySecret.orElse(null), shopifyPreviousSecret.orElse(null)))) {
            return rejected("shopify", "X-Shopify-Hmac-SHA256");
        }
        require("X-Shopify-Webhook-Id", webhookId);
        require("X-Shopify-Topic", topic);
        if (eventId != null) {
            require("X-Shopify-Event-Id", eventId);
        }
        shopifyVersions.received(apiVersion);
        if (!ShopifyWebhookHandler.TOPICS.contains(topic)) {
            return ignored("shopify", webhookId, topic);
        }
        // Shopify's guidance: the same event can come again under a new webhook id; its event id stays the same.
        return store("shopify", webhookId, eventId, topic, body);
    }

    @POST
    @Path("/stripe")
    public Response stripe(@HeaderParam("Stripe-Signature") String signature, @HeaderParam("Stripe-Version") String version,
                           byte[] body) {
        if (!WebhookSignatures.timestampedValid(body, signature, stripeSecret.orElse(null), clock.instant(), tolerance)) {
            return rejected("stripe", "Stripe-Signature");
        }
        JsonNode event = json(body);
        stripeVersions.noteDelivered(version, Json.text(event, "api_version"));
        String id = Json.text(event, "id");
        String type = Json.text(event, "type");
        require("id", id);
        if (!StripeWebhookHandler.EVENT_TYPES.contains(type)) {
            return ignored("stripe", id, type);
        }
        return store("stripe", id, type, body);
    }

    /** ShipStation API v1 signs nothing: the secret token in the registered URL is what authenticates it. */
    @POST
    @Path("/shipstation/{token}")
    public Response shipStation(@PathParam("token") String token, byte[] body) {
        if (!WebhookSignatures.tokenValid(token, shipStationToken.orElse(null))) {
            return rejected("shipstation", "token");
        }
        JsonNode notification = json(body);
        String type = Json.text(notification, "resource_type");
        String resourceUrl = Json.text(notification, "resource_url");
        require("resource_url", resourceUrl);
        if (!"SHIP_NOTIFY".equals(type)) {
            return ignored("shipstation", null, type);
        }
        if (!shipStation.isShipStationUrl(resourceUrl)) {
            throw ApiProblem.invalidField("resource_url", "must be ShipStation's shipments list on a ShipStation API host");
        }
        // ShipStation sends no delivery id; one resource_url (a batch of shipments) is one delivery.
        return store("shipstation", WebhookSignatures.sha256Hex(resourceUrl), type, body);
    }

    /** The warehouse: {@code X-WMS-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + body>}, as Stripe does. */
    @POST
    @Path("/wms")
    public Response wms(@HeaderParam("X-WMS-Signature") String signature, byte[] body) throws IOException {
        if (!WebhookSignatures.timestampedValid(body, signature, wmsSecret.orElse(null), clock.instant(), tolerance)) {
            return rejected("wms", "X-WMS-Signature");
        }
        json(body);
        // Cheap checks the sender can act on now, with the field named; the claim itself is decided later.
        WmsReturnScanned event = mapper.readValue(body, WmsReturnScanned.class);
        event.checkEnvelope();
        ClaimRequestValidator.check(event.toClaim());
        return store("wms", event.eventId(), event.type(), body);
    }

    /**
     * Zendesk satisfaction ratings, from a trigger notifying a webhook with a signing secret, and comments added to
     * tickets, from a webhook subscribed to {@code zen:event-type:ticket.comment_added} with the same secret. The
     * invocation id is the delivery id: Zendesk keeps it when it retries.
     */
    @POST
    @Path("/zendesk")
    public Response zendesk(@HeaderParam("X-Zendesk-Webhook-Signature") String signature,
                            @HeaderParam("X-Zendesk-Webhook-Signature-Timestamp") String timestamp,
                            @HeaderParam("X-Zendesk-Webhook-Invocation-Id") String invocationId, byte[] body) {
        // Both checks always run: the time taken says nothing about which webhook signed.
        boolean triggerWebhook = WebhookSignatures.zendeskValid(body, signature, timestamp, zendeskSecret.orElse(null),
                clock.instant(), tolerance);
        boolean eventsWebhook = WebhookSignatures.zendeskValid(body, signature, timestamp, zendeskEventsSecret.orElse(null),
                clock.instant(), tolerance);
        if (!triggerWebhook && !eventsWebhook) {
            return rejected("zendesk", "X-Zendesk-Webhook-Signature");
        }
        require("X-Zendesk-Webhook-Invocation-Id", invocationId);
        JsonNode event = json(body);
        if (HelpdeskReplyEvents.isZendeskComment(event)) {
            HelpdeskReplyEvents.zendeskComment(event);
            return store("zendesk", invocationId, HelpdeskReplyEvents.TOPIC, body);
        }
        if (SatisfactionSurveys.zendesk(event).isEmpty()) {
            return ignored("zendesk", invocationId, "unrated");
        }
        return store("zendesk", invocationId, SatisfactionSurveys.TOPIC, body);
    }

    /**
     * Gorgias satisfaction surveys and created messages ({@code "event": "ticket-message-created"}), from HTTP integrations. Gorgias signs nothing: the integration sends a secret
     * token in the {@code X-ClaimPilot-Webhook-Token} header (never in the URL, which ends up in logs), compared in
     * constant time. A ticket update without a scored survey is ignored and not stored.
     */
    @POST
    @Path("/gorgias")
    public Response gorgias(@HeaderParam("X-ClaimPilot-Webhook-Token") String token, byte[] body) {
        if (!WebhookSignatures.tokenValid(token, gorgiasToken.orElse(null))) {
            return rejected("gorgias", "X-ClaimPilot-Webhook-Token");
        }
        JsonNode update = json(body);
        if (HelpdeskReplyEvents.isGorgiasMessage(update)) {
            return store("gorgias", HelpdeskReplyEvents.gorgiasMessage(update).deliveryId(), HelpdeskReplyEvents.TOPIC, body);
        }
        Optional<SatisfactionSurveys.SurveyAnswer> answer = SatisfactionSurveys.gorgias(update);
        if (answer.isEmpty()) {
            return ignored("gorgias", null, "unscored");
        }
        return store("gorgias", SatisfactionSurveys.gorgiasDeliveryId(update, answer.get()), SatisfactionSurveys.TOPIC, body);
    }

    private Response store(String provider, String deliveryId, String topic, byte[] body) {
        return store(provider, deliveryId, null, topic, body);
    }

    private Response store(String provider, String deliveryId, String eventId, String topic, byte[] body) {
        boolean isNew = inbox.store(provider, deliveryId, eventId, topic, body);
        return Response.status(isNew ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(new Receipt(isNew ? "queued" : "duplicate", provider, deliveryId)).build();
    }

    private static Response ignored(String provider, String deliveryId, String topic) {
        return Response.ok(new Receipt("ignored", provider, deliveryId)).header("X-ClaimPilot-Ignored", String.valueOf(topic)).build();
    }

    private static Response rejected(String provider, String what) {
        LOG.warnf("Rejected a %s webhook: %s does not verify", provider, what);
        return Problem.response(401, "Unauthorized", "The webhook's " + what + " does not verify");
    }

    private JsonNode json(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiProblem.invalidField("body", "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiProblem.invalidField("body", "is not valid JSON");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw ApiProblem.invalidField(field, "is required, at most 200 characters");
        }
    }

}
