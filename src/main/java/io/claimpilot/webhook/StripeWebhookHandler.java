package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.claim.ExternalRefunds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * Stripe refund events to {@link RefundStatusReported}, one per refund object: the outbox completes or fails the
 * REFUND action the refund belongs to. A succeeded refund that is not ours (no claim id) is recorded as made outside
 * ClaimPilot, like a Shopify admin refund. {@code charge.refunded} carries the charge, with its refunds when the account's
 * API version still expands them; {@code refund.*} (and the older {@code charge.refund.updated}) carry one refund.
 */
@ApplicationScoped
public class StripeWebhookHandler implements WebhookHandler {

    public static final String PROVIDER = "stripe";
    static final Set<String> EVENT_TYPES = Set.of("charge.refunded", "refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    @Inject
    Event<RefundStatusReported> reported;
    @Inject
    ExternalRefunds externalRefunds;

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
            String claimId = Json.text(refund.path("metadata"), "claim_id");
            reported.fire(new RefundStatusReported(claimId, PROVIDER, id, Json.text(refund, "status"),
                    Json.text(refund, "failure_reason")));
            ids.add(id + " " + Json.text(refund, "status") + (claimId == null ? recordIfMadeOutside(refund) : ""));
        }
        return ids.isEmpty() ? type + ": no refund objects in the event" : type + ": reported " + String.join(", ", ids);
    }

    /**
     * A succeeded refund without our {@code metadata.claim_id} was made outside ClaimPilot (the Stripe dashboard):
     * when a claim recorded its payment as the order's payment reference, it lowers that order's refundable balance.
     */
    private String recordIfMadeOutside(JsonNode refund) {
        String currency = Json.text(refund, "currency");
        if (!"succeeded".equals(Json.text(refund, "status")) || currency == null || !refund.path("amount").canConvertToLong()) {
            return "";
        }
        var order = externalRefunds.orderPaidBy(Arrays.asList(Json.text(refund, "payment_intent"), Json.text(refund, "charge")));
        if (order.isEmpty()) {
            return "";
        }
        String code = currency.toUpperCase(Locale.ROOT);
        BigDecimal amount = BigDecimal.valueOf(refund.path("amount").asLong(), minorDigits(code));
        long created = refund.path("created").asLong(0);
        var recorded = externalRefunds.record(new ExternalRefunds.Reported(PROVIDER, Json.text(refund, "id"), order.get(),
                amount, code, null, false, created == 0 ? null : Instant.ofEpochSecond(created)));
        return recorded.isNew() ? " (made outside ClaimPilot: recorded on order " + order.get() + ")" : "";
    }

    /** Stripe's smallest unit: the ISO 4217 decimals, except ISK, which Stripe counts in hundredths. */
    private static int minorDigits(String currency) {
        if ("ISK".equals(currency)) {
            return 2;
        }
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected("Unknown currency " + currency);
        }
    }
}
