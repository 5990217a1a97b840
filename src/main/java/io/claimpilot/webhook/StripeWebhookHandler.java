package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stripe refund events to {@link RefundStatusReported}, one per refund object: the outbox completes or fails the
 * REFUND action the refund belongs to. {@code charge.refunded} carries the charge, with its refunds when the account's
 * API version still expands them; {@code refund.*} (and the older {@code charge.refund.updated}) carry one refund.
 */
@ApplicationScoped
public class StripeWebhookHandler implements WebhookHandler {

    public static final String PROVIDER = "stripe";
    static final Set<String> EVENT_TYPES = Set.of("charge.refunded", "refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    @Inject
    Event<RefundStatusReported> reported;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        JsonNode event = Json.read(delivery.body);
        String type = Json.text(event, "type");
        JsonNode object = event.path("data").path("object");
        List<JsonNode> refunds = new ArrayList<>();
        if ("charge.refunded".equals(type)) {
            object.path("refunds").path("data").forEach(refunds::add);
        } else if (EVENT_TYPES.contains(type)) {
            refunds.add(object);
        } else {
            return "Ignored event type " + type;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode refund : refunds) {
            String id = Json.text(refund, "id");
            if (id == null || !"refund".equals(Json.text(refund, "object"))) {
                continue;
            }
            reported.fire(new RefundStatusReported(Json.text(refund.path("metadata"), "claim_id"), PROVIDER, id,
                    Json.text(refund, "status"), Json.text(refund, "failure_reason")));
            ids.add(id + " " + Json.text(refund, "status"));
        }
        return ids.isEmpty() ? type + ": no refund objects in the event" : type + ": reported " + String.join(", ", ids);
    }
}
